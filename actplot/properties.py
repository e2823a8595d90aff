"""The properties of an activation, computed numerically: what ``actplot compare`` reports.

Nothing here reads the registry's declared :class:`Facts`; every property is measured from the
function and its exact derivatives on a grid spanning the float64 line, then refined by
bisection to adjacent floats.  That is what lets a test check the declarations, and what gives
any definition (a plugin's, a parsed expression's) its properties for free.

Float rounding imitates properties: sigmoid(x) is exactly 1.0 beyond x = 36.7 and sigmoid'(x)
exactly 0 beyond 745, yet sigmoid neither reaches 1 nor saturates hard.  The rule used
throughout: a derivative that is exactly 0 on a stretch is flat only if it got there from a
non-negligible value (>= 1e-290); one that decayed through subnormals first is a tail.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ._search import TINY, boundary, grid, narrow, runs, simplest
from .activation import Activation
from .facts import Break, Facts, Interval, RealSet, point, union

INF = math.inf
_JUMP = 1e-10  # one-sided values this far apart (relative) at one point: a jump


@dataclass(frozen=True)
class Extremum:
    """An extreme value and where: at points ``xs`` or on ``intervals``.  When it is not
    ``attained``, xs are where it is approached: +-inf, or one side of a jump."""

    value: float
    xs: tuple[float, ...] = ()
    intervals: tuple[Interval, ...] = ()
    attained: bool = True


@dataclass(frozen=True)
class Properties:
    facts: Facts  # range, monotonicity and breaks, as measured
    monotonic_derivative: bool
    minimum: Extremum | None  # of non-monotonic activations, when taken at a finite x
    maximum: Extremum | None
    f0: float
    df0: float
    mean_output: float  # E f(Z) for a standard normal Z
    zero_centred: bool  # E f(Z) = 0
    identity_near_origin: bool  # f(0) = 0 and f'(0) = 1
    saturation: tuple[str, str]  # left, right: "none", "soft" or "hard"
    dead_zones: tuple[Interval, ...]  # where f' = 0 on a whole interval
    max_abs_grad: Extremum  # the supremum of |f'|

    def depth_bound(self, layers: int) -> float:
        """(max |f'|)^L: the most a chain of L of these can scale a gradient."""
        with np.errstate(over="ignore"):  # 1.13^10000 is inf, not an OverflowError
            return float(np.float64(self.max_abs_grad.value) ** layers)


def beside(x0: float) -> tuple[float, float]:
    """Points just left and right of x0, to take one-sided values at: 4 ulps away, for a
    jump located to within one ulp lies between them, and never inside the subnormal range,
    where arithmetic has almost no relative precision left."""
    h = max(4.0 * float(np.spacing(abs(x0))), 1e-300)
    return x0 - h, x0 + h


class _Sampled:
    """An activation as a function of one real x: sampled on the grid, and one x at a time."""

    def __init__(self, act: Activation, context: Sequence[float]) -> None:
        self.act, self.context = act, tuple(context)
        # where the limits are taken: +-inf, or the ends of a domain (log1mexp's 0)
        domain = act.definition.domain
        self.ends = np.array([domain.lo, domain.hi])
        self.x = grid()
        self.f, self.d1, self.d2 = (act.evaluate(self.x, k, self.context) for k in range(3))
        self.lim_f, self.lim_d1 = (self._at_infinity(k) for k in (0, 1))
        self._known: dict[tuple[int, float, float], float] = {}

    def _at_infinity(self, order: int) -> np.ndarray:
        """f^(order) at -inf and inf (or at the ends of the domain).  The built-ins return
        their limits there; a definition from elsewhere may give nan (inf - inf), and then the
        far ends of the grid stand in."""
        with np.errstate(invalid="ignore", divide="ignore"):
            at_inf = self.act.evaluate(self.ends, order, self.context)
        far = (self.f, self.d1)[order][[0, -1]]  # at +-1e300: that large is still growing
        far = np.where(np.abs(far) > 1e250, np.copysign(INF, far), far)
        return np.where(np.isnan(at_inf), far, at_inf)

    def at(self, order: int, x: float) -> float:
        """f^(order)(x), each point evaluated once: a bisection asks again for the ends of
        the interval it kept (keyed by the sign too, for f(-0.0) need not be f(0.0))."""
        key = (order, x, math.copysign(1.0, x))
        value = self._known.get(key)
        if value is None:
            value = self._known[key] = float(self.act.evaluate(x, order, self.context))
        return value

    def sides(self, order: int, x0: float) -> tuple[float, float]:
        """Values of f^(order) just left and right of x0 (one-sided limits at a jump)."""
        left, right = beside(x0)
        return self.at(order, left), self.at(order, right)


def _interval(lo: float, hi: float, member: Callable[[float], bool]) -> Interval:
    """[lo, hi] with each finite end closed if ``member`` holds there."""
    return Interval(lo, hi, lo > -INF and member(lo), hi < INF and member(hi))


def _edge(c: _Sampled, pred: Callable[[float], bool], inside: int, outside: int) -> float:
    """Where ``pred`` stops holding, between grid points inside (holds) and outside (not)."""
    return simplest(*boundary(pred, c.x[inside], c.x[outside]))


# breaks: where f, f' or f'' jumps --------------------------------------------------------------


def _breaks(c: _Sampled) -> tuple[Break, ...]:
    """Where f, f' or f'' jumps, each with the lowest order that does."""
    found: dict[float, int] = {}
    samples = (c.f, c.d1, c.d2)
    resolved = c.act.definition.resolved
    for order in range(3):
        for i in _candidates(c.x, samples, order):
            if abs(c.x[i]) > resolved:
                continue
            x0 = _jump(c, order, c.x[i], c.x[i + 1])
            if x0 is not None:
                lowest = next(j for j in range(order + 1) if _jumps_at(c, j, x0))
                found[x0] = min(found.get(x0, order), lowest)
    return tuple(Break(x, order) for x, order in sorted(found.items()))


def _candidates(x: np.ndarray, samples: tuple[np.ndarray, ...], order: int) -> np.ndarray:
    """Grid intervals where f^(order) may jump: its change, less what its derivative predicts
    (the trapezoid rule: exact on linear pieces, tiny on smooth ones), is much larger than
    two intervals away on either side.  Two away, because the value at a grid point on the
    jump can split it over two neighbouring intervals.  For f'' there is no derivative to
    subtract, and the bare change is used.  Curves near the float64 maximum far out make
    changes inf (and inf - inf): never a candidate."""
    g = samples[order]
    with np.errstate(over="ignore", invalid="ignore"):
        change = np.diff(g)
        if order + 1 < len(samples):
            slope = samples[order + 1]
            change = change - 0.5 * (slope[:-1] + slope[1:]) * np.diff(x)
        residual = np.abs(change)
        pad = np.zeros(2)
        around = np.maximum(
            np.concatenate([pad, residual[:-2]]), np.concatenate([residual[2:], pad])
        )
        floor = 1e-9 * (1.0 + np.maximum(np.abs(g[:-1]), np.abs(g[1:])))
        return np.flatnonzero(residual > 4.0 * around + floor)


def _residual(c: _Sampled, order: int, lo: float, hi: float) -> float:
    """|f^(order)(hi) - f^(order)(lo)|, less what its derivative predicts, as in _candidates."""
    change = c.at(order, hi) - c.at(order, lo)
    if order < 2:
        change -= 0.5 * (c.at(order + 1, lo) + c.at(order + 1, hi)) * (hi - lo)
    return abs(change)


def _jump(c: _Sampled, order: int, a: float, b: float) -> float | None:
    """Where f^(order) jumps in [a, b], if it does: narrowed to one ulp, following the larger
    residual (a jump keeps it; a slope, steep or not, loses it), the one-sided values still
    differ."""
    x0 = simplest(*narrow(lambda lo, hi: _residual(c, order, lo, hi), a, b))
    return x0 if _jumps_at(c, order, x0) else None


def _limits(c: _Sampled, order: int, x0: float) -> tuple[float, float, float]:
    """The one-sided limits of f^(order) at x0, and how far apart they may be without a jump.

    The limits are the values just beside x0 carried to x0 with their own slopes (exact on
    linear pieces, so a kink is not mistaken for a small jump).  x0 is only known to within
    an ulp, so a kink may lie between it and a probe, where the other side's slope applies:
    hence the tolerance of twice the carried amounts, besides the relative rounding of the
    values.  f'' has no derivative to carry it with: there the limits are the bare values,
    with an absolute floor.
    """
    left, right = beside(x0)
    lim_l, lim_r = c.at(order, left), c.at(order, right)
    if order == 2:
        return lim_l, lim_r, _JUMP * (1.0 + abs(lim_l) + abs(lim_r))
    carry_l = c.at(order + 1, left) * (x0 - left)
    carry_r = c.at(order + 1, right) * (right - x0)
    tol = _JUMP * (abs(lim_l) + abs(lim_r)) + 2.0 * (abs(carry_l) + abs(carry_r))
    return lim_l + carry_l, lim_r - carry_r, tol


def _differ(a: float, b: float, tol: float) -> bool:
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(abs(b - a) > tol)


def _jumps_at(c: _Sampled, order: int, x0: float) -> bool:
    """Whether the one-sided limits of f^(order) at x0 differ (the value at x0 itself does
    not count: softshrink'(0) = 0 for lambd = 0 is no jump).  A jump of 1e-60 from 0 counts;
    the rounding of two near-zero limits does not."""
    return _differ(*_limits(c, order, x0))


def _isolated(c: _Sampled, x0: float) -> float | None:
    """f(x0) at a jump, if it is a value of its own (a spike): apart from both one-sided
    limits.  Otherwise it is one of the sides, and which one only the ulp where the jump was
    found says (threshold: f(t) = v, but f at t + 1 ulp is already ~t), so it is not counted
    as taken: the bound it would give is only approached."""
    value = c.at(0, x0)
    lim_l, lim_r, tol = _limits(c, 0, x0)
    tol += _JUMP * abs(value)
    return value if _differ(value, lim_l, tol) and _differ(value, lim_r, tol) else None


def _monotonic(c: _Sampled, order: int, breaks: tuple[Break, ...]) -> bool:
    """Whether f^(order) never decreases or never increases: from the sign of the next
    derivative on the grid and the direction of every jump of f^(order)."""
    slope = (c.d1, c.d2)[order]
    slope = slope[np.isfinite(slope)]
    steps = [np.subtract(*c.sides(order, b.x)[::-1]) for b in breaks if b.order <= order]
    up = bool(np.all(slope >= 0)) and all(s >= 0 for s in steps)
    down = bool(np.all(slope <= 0)) and all(s <= 0 for s in steps)
    return up or down


# flat stretches and saturation -----------------------------------------------------------------


def _flat_runs(c: _Sampled) -> list[tuple[int, int]]:
    """Index runs where f' is exactly 0 and genuinely so (not an underflowing tail)."""
    out = []
    for i, j in runs(c.d1 == 0):
        bounds = [k for k in (i - 1, j + 1) if 0 <= k < len(c.x)]
        if j > i and (not bounds or any(abs(c.d1[k]) >= TINY for k in bounds)):
            out.append((i, j))
    return out


def _dead_zones(c: _Sampled, flat: list[tuple[int, int]]) -> tuple[Interval, ...]:
    zero = lambda x: c.at(1, x) == 0
    last = len(c.x) - 1
    return tuple(
        _interval(
            -INF if i == 0 else _edge(c, zero, i, i - 1),
            INF if j == last else _edge(c, zero, j, j + 1),
            zero,
        )
        for i, j in flat
    )


def _saturation(c: _Sampled, flat: list[tuple[int, int]]) -> tuple[str, str]:
    """Per side: "none" if f' does not vanish at infinity, "hard" if it is exactly 0 beyond a
    point, "soft" if it only tends to 0."""
    hard = (any(i == 0 for i, _ in flat), any(j == len(c.x) - 1 for _, j in flat))
    return tuple(  # type: ignore[return-value]
        "none" if limit != 0 else "hard" if h else "soft"
        for limit, h in zip(c.lim_d1, hard, strict=True)
    )


# range and extrema ------------------------------------------------------------------------------


def _extremum(c: _Sampled, sign: float, breaks: tuple[Break, ...]) -> Extremum | None:
    """The minimum (sign 1) or maximum (sign -1) of f, if taken at a finite x: the grid's
    best point, refined by bisection to where f' changes sign, or a jump's value."""
    g = sign * c.f
    i = int(np.nanargmin(g))
    jumps = [b.x for b in breaks if b.order == 0]
    at_jumps = [(sign * v, x0) for x0 in jumps if (v := _isolated(c, x0)) is not None]
    approached = [*(sign * c.lim_f), *(sign * v for x0 in jumps for v in c.sides(0, x0))]
    best_jump = min(at_jumps, default=(INF, None))
    if min(g[i], best_jump[0]) >= min(approached):
        return None  # only approached, at infinity or beside a jump
    if best_jump[0] < g[i]:
        return Extremum(sign * best_jump[0], (best_jump[1],))
    a, b = c.x[max(i - 1, 0)], c.x[min(i + 1, len(c.x) - 1)]
    rising = lambda x: sign * c.at(1, x) >= 0
    near = boundary(rising, a, b) if rising(b) and not rising(a) else (c.x[i],)
    best = min(near, key=lambda x: (sign * c.at(0, x), len(repr(x))))
    return Extremum(c.at(0, best), (best,))


def _range(
    c: _Sampled, saturation, low: Extremum | None, high: Extremum | None, breaks: tuple[Break, ...]
) -> RealSet:
    """The set of values f takes: the value at a jump that is a value of its own (a spike;
    see _isolated), and the image of each continuous piece between jumps, an interval whose
    ends are taken (an extremum inside, a value on the grid, a flat end) or only approached
    (the limits at +-inf, and the one-sided limits at a jump)."""
    jumps = sorted(b.x for b in breaks if b.order == 0)
    parts = [point(v) for x0 in jumps if (v := _isolated(c, x0)) is not None]
    extremes = [e for e in (low, high) if e is not None]
    for a, b in itertools.pairwise([-INF, *jumps, INF]):
        inside = (c.x > a) & (c.x < b) & np.isfinite(c.f)
        values = c.f[inside]  # its least and greatest stand for it: min and max pick those
        taken = [float(values.min()), float(values.max())] if values.size else []
        taken += [e.value for e in extremes if any(a < x < b for x in e.xs)]
        ends = [_end(c, a, 1, saturation), _end(c, b, 0, saturation)]
        if not taken:  # a piece narrower than the grid: its ends say all
            taken = [v for v, _ in ends if math.isfinite(v)]
        (lo, lo_closed), (hi, hi_closed) = (_bound(pick, taken, ends) for pick in (min, max))
        parts.append(Interval(lo, hi, lo_closed, hi_closed))
    return union(parts)


def _end(c: _Sampled, x0: float, side: int, saturation) -> tuple[float, bool]:
    """What f approaches at one end of a piece, and whether it is flat there (so takes it):
    at +-inf its limit, flat if it saturates hard; at a jump its one-sided limit (``side`` 0
    from the left, 1 from the right), carried to x0, flat if f' is 0 just beside x0."""
    if math.isinf(x0):
        k = 0 if x0 < 0 else 1
        return float(c.lim_f[k]), saturation[k] == "hard"
    return float(_limits(c, 0, x0)[side]), bool(c.at(1, beside(x0)[side]) == 0)


def _bound(pick, taken: list[float], ends: list[tuple[float, bool]]) -> tuple[float, bool]:
    """The infimum (``pick`` min) or supremum (max) of a piece, and whether it is taken: on the
    grid (and not the rounding of a limit at infinity it only approaches), or at a flat end."""
    best = float(pick(taken))
    value = pick([best, *(v for v, _ in ends)]) + 0.0
    flat_end = any(v == value and flat for v, flat in ends)
    soft_limits = [v for v, flat in ends if not flat]
    closed = math.isfinite(value) and (flat_end or (value == best and value not in soft_limits))
    return value, closed


def _sup_abs(
    x: np.ndarray,
    g: np.ndarray,
    slope: np.ndarray,
    at: Callable[[int, float], float],
    approached: Sequence[tuple[float, float]] = (),
    taken: Sequence[tuple[float, float]] = (),
) -> Extremum:
    """sup |g| over the line, from samples ``g`` (and of g', ``slope``) on the grid ``x``;
    ``at(k, t)`` evaluates g (k = 0) or g' (k = 1) at one point.

    ``approached`` are (|value|, where) pairs only approached (limits at +-inf, one side of a
    jump); ``taken`` those taken (the value at a kink).  On the grid the supremum may sit on a
    stretch where g is constant (taken there), on a stretch towards an end where g has rounded
    to its limit (approached), or at peaks, refined by bisection to where g' g changes sign.
    """
    a = np.abs(g)
    top = max([float(np.nanmax(a)), *(v for v, _ in taken)])
    sup = max([top, *(v for v, _ in approached)])
    if sup > top:
        return Extremum(sup, tuple(sorted({t for v, t in approached if v == sup})), attained=False)
    if top == 0:
        return Extremum(0.0, intervals=(Interval(-INF, INF),))

    last = len(x) - 1
    on_top = lambda t: abs(at(0, t)) == top
    rising = lambda t: np.sign(at(0, t)) * at(1, t) >= 0
    found = [(v, t) for v, t in taken]
    ends: set[float] = set()
    stretches = []
    for i, j in runs(a >= top * (1 - 1e-6)):
        if j - i >= 2 and np.all(slope[i + 1 : j] == 0):  # constant on a stretch: taken there
            lo = -INF if i == 0 else simplest(*boundary(on_top, x[i + 1], x[i - 1]))
            hi = INF if j == last else simplest(*boundary(on_top, x[j - 1], x[j + 1]))
            stretches.append(_interval(lo, hi, on_top))
        elif j - i >= 2 and (i == 0 or j == last):  # rounded to its limit towards an end
            ends |= {e for e, touches in ((-INF, i == 0), (INF, j == last)) if touches}
        else:
            for k in range(i, j + 1):
                lo, hi = x[max(k - 1, 0)], x[min(k + 1, last)]
                near = boundary(rising, lo, hi) if rising(lo) and not rising(hi) else (x[k],)
                best = max(near, key=lambda t: abs(at(0, t)))
                found.append((abs(at(0, best)), simplest(best)))
    if stretches or ends:
        return Extremum(top, tuple(sorted(ends)), tuple(stretches), attained=not ends)
    peak = max(v for v, _ in found)
    return Extremum(peak, tuple(sorted({t for v, t in found if v >= peak * (1 - 1e-12)})))


def _max_abs_grad(c: _Sampled, breaks: tuple[Break, ...]) -> Extremum:
    """sup |f'|, with its limits at +-inf and beside each jump of f' only approached."""
    kinks = [b.x for b in breaks if b.order <= 1]
    approached = [(abs(v), float(e)) for e, v in zip(c.ends, c.lim_d1, strict=True)]
    approached += [(abs(v), x0) for x0 in kinks for v in c.sides(1, x0)]
    taken = [(abs(c.at(1, x0)), x0) for x0 in kinks]
    return _sup_abs(c.x, c.d1, c.d2, lambda k, t: c.at(k + 1, t), approached, taken)


@functools.lru_cache(maxsize=1)
def _simpson_normal() -> tuple[np.ndarray, np.ndarray]:
    """The nodes on [-40, 40] and the weights of Simpson's rule times the normal density
    (the same for every activation, so computed once)."""
    x = np.linspace(-40.0, 40.0, 80_001)  # 0 and the usual kinks are even nodes
    w = np.full(x.size, 2.0)
    w[1::2] = 4.0
    w[0] = w[-1] = 1.0
    w *= (x[1] - x[0]) / 3.0 * np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
    x.flags.writeable = w.flags.writeable = False
    return x, w


def _mean_output(c: _Sampled, jumps: Sequence[float]) -> tuple[float, float]:
    """E f(Z) and E |f(Z)| for Z standard normal, by Simpson's rule on [-40, 40].  A jump at a
    node takes the mean of its one-sided limits, which keeps the rule exact across it."""
    x, w = _simpson_normal()
    y = c.act.evaluate(x, 0, c.context)
    for x0 in jumps:
        k = int(np.argmin(np.abs(x - x0)))
        if x[k] == x0:
            y[k] = 0.5 * sum(c.sides(0, x0))
    # summed by numpy, not np.dot: BLAS splits a long dot product over threads, whose wake-up
    # on a busy machine took longer than the whole analysis, and whose split changes the sum
    # from one machine to the next
    return float(np.sum(w * y)), float(np.sum(w * np.abs(y)))


def analyse(act: Activation, context: Sequence[float] = (0.0,)) -> Properties:
    """Measure every property of ``act`` (vector-valued ones as one logit against ``context``)."""
    c = _Sampled(act, context)
    breaks = _breaks(c)
    flat = _flat_runs(c)
    saturation = _saturation(c, flat)
    monotonic = _monotonic(c, 0, breaks)
    low = None if monotonic else _extremum(c, 1.0, breaks)
    high = None if monotonic else _extremum(c, -1.0, breaks)
    f0, df0 = c.at(0, 0.0), c.at(1, 0.0)
    mean, mean_abs = _mean_output(c, [b.x for b in breaks if b.order == 0])
    return Properties(
        facts=Facts(_range(c, saturation, low, high, breaks), monotonic, breaks),
        monotonic_derivative=_monotonic(c, 1, breaks),
        minimum=low,
        maximum=high,
        f0=f0,
        df0=df0,
        mean_output=mean,
        zero_centred=abs(mean) <= 1e-9 * mean_abs,
        identity_near_origin=f0 == 0 and abs(df0 - 1) <= 1e-12,
        saturation=saturation,
        dead_zones=_dead_zones(c, flat),
        max_abs_grad=_max_abs_grad(c, breaks),
    )


# comparing two ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """The largest |A - B| and |A' - B'|, and where."""

    largest: Extremum
    largest_derivative: Extremum


def _grows(g: Callable[[float], float], end: float) -> bool:
    """Whether |g| grows without bound towards ``end`` (+-inf), where g is a difference of
    two infinite limits (inf - inf): leaky_relu with two slopes differs by (a - b) x.  Seven
    decades further out, a bounded difference has settled and a growing one is 1e7 larger."""
    with np.errstate(invalid="ignore", over="ignore"):
        near, far = abs(g(math.copysign(1e300, end))), abs(g(math.copysign(1e307, end)))
    return bool(near > 0 and far >= 1e6 * near)


def difference(a: Activation, b: Activation, context: Sequence[float] = (0.0,)) -> Difference:
    """The largest |A - B| and |A' - B'| over the line, and where."""
    x, ctx = grid(), tuple(context)
    d = [a.evaluate(x, k, ctx) - b.evaluate(x, k, ctx) for k in range(3)]

    def largest(order: int) -> Extremum:
        at = lambda k, t: float(a.evaluate(t, order + k, ctx) - b.evaluate(t, order + k, ctx))
        ends = np.array([-INF, INF])
        with np.errstate(invalid="ignore"):  # inf - inf: the limit of a difference is unknown
            limits = a.evaluate(ends, order, ctx) - b.evaluate(ends, order, ctx)
        approached = [(abs(v), e) for e, v in zip(ends, limits, strict=True) if not np.isnan(v)]
        approached += [(INF, e) for e, v in zip(ends, limits, strict=True) if np.isnan(v)
                       and _grows(lambda t: at(0, t), e)]  # fmt: skip
        return _sup_abs(x, d[order], d[order + 1], at, approached)

    return Difference(largest(0), largest(1))
