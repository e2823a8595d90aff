"""The rest of what `info --lang zh` shows of a built-in, in Chinese: the convention taken at
kinks and jumps, and what each parameter means.  Like the notes, each says what the English
says, with the same numbers and code names; a definition or parameter missing here is shown
in English (and a smooth function's "no convention needed" is one of ``actplot.i18n``'s
words)."""

CONVENTIONS: dict[str, str] = {
    # rectified
    "relu": "relu'(0) = 0，即左导数，与 PyTorch 和 JAX 相同。",
    "relu6": "relu6'(0) = relu6'(6) = 0：导数只在 0 与 6 之间（不含端点）为 1，与 PyTorch 相同。",
    "leaky_relu": "leaky_relu'(0) = alpha，即左导数，与 PyTorch 相同。",
    "prelu": "prelu'(0) = alpha，即左导数，与 PyTorch 相同。",
    "rrelu": (
        "按平均斜率 (l + u)/2 求值，与 PyTorch 在评估模式下的做法相同；rrelu'(0) = (l + u)/2，"
        "即左导数。"
    ),
    "threshold": (
        "threshold'(t) = 0（x = t 取常数段），与 PyTorch 相同；跳跃本身没有导数（是 Dirac "
        "delta），所以 autograd 和 actplot 在那里都给出 0。"
    ),
    "hardtanh": (
        "hardtanh' 在 min_val 和 max_val 处 = 0：导数只在区间内部（不含端点）为 1，与 PyTorch "
        "相同。"
    ),
    "maxout": "在拐点处，导数取达到最大值的各片段中最先列出的那一段的斜率（numpy 的 argmax）。",
    "binary_step": (
        "binary_step(0) = 1。导数处处为 0，跳跃处也是：那里的导数是 Dirac delta，autograd 会把"
        "它丢掉。"
    ),
    "elu": "elu'(0) = alpha（左导数），elu''(0) = 0（右侧的值），与 PyTorch 的 autograd 给出的相同。",
    "selu": (
        "selu'(0) = lambda alpha = 1.7581（左导数），selu''(0) = 0（右侧的值），与 PyTorch 的 "
        "autograd 给出的相同。"
    ),
    "celu": (
        "celu'(0) = 1（两侧一致）；celu''(0) = 0（右侧的值；左侧为 1/alpha），与 PyTorch 的 "
        "autograd 给出的相同。"
    ),
    # sigmoidal
    "hard_sigmoid": (
        "hard_sigmoid'(-3) = hard_sigmoid'(3) = 0：只在区间内部（不含端点）为 1/6，与 PyTorch "
        "相同。"
    ),
    "softsign": "softsign''(0) = 0，即两侧单边值 -2 与 2 的平均（autograd 的 sign(0) = 0）。",
    # smooth
    "hardswish": (
        "hardswish'(-3) = 0，hardswish'(3) = 1（取外侧的段），与 PyTorch 相同；二阶导数在 "
        "(-3, 3) 内部为 1/3，其余处为 0。"
    ),
    # shrinkage
    "softshrink": (
        "softshrink'(+-lambd) = 0：导数只在 [-lambd, lambd] 之外（不含端点）为 1，与 PyTorch 相同。"
    ),
    "hardshrink": (
        "hardshrink'(+-lambd) = 0（那里的值为 0，在平坦段上），与 PyTorch 相同；跳跃处没有导数，"
        "因此取 0。"
    ),
    # gated
    "reglu": "b = 0 处 df/db = a relu'(0) = 0，d2f/da db 在那里也为 0，与 PyTorch 的 autograd 相同。",
    "seglu": (
        "b = 0 处 df/db = a selu'(0) = a lambda alpha，即左导数；d2f/db2 在那里为 0，与 PyTorch "
        "的 autograd 对 selu 给出的相同。"
    ),
    "swiglu_oai": (
        "在截断处（b = L，a = +-L）取内侧的导数，因为 PyTorch 的 clamp 在边界上让梯度通过："
        "df/db(a, L) = (a + 1) h'(L)。"
    ),
}

# activation -> parameter -> what it means
PARAMS: dict[str, dict[str, str]] = {
    "leaky_relu": {"alpha": "负输入的斜率"},
    "prelu": {"alpha": "负输入的斜率，在训练中学习"},
    "rrelu": {"lower": "随机负斜率的最小值 (l)", "upper": "随机负斜率的最大值 (u)"},
    "threshold": {"threshold": "高于 t 的输入原样通过 (t)", "value": "输入不超过 t 时的输出 (v)"},
    "hardtanh": {"min_val": "输出的下界 (a)", "max_val": "输出的上界 (b)"},
    "maxout": {"slopes": "各线性片段的斜率 w_k", "intercepts": "各线性片段的截距 b_k"},
    "elu": {"alpha": "x -> -inf 时趋近于 -alpha"},
    "celu": {"alpha": "x -> -inf 时趋近于 -alpha"},
    "softplus": {"beta": "锐度：beta 越大越接近 ReLU"},
    "swish": {"beta": "门的锐度：beta = 1 为 SiLU，beta -> inf 为 ReLU"},
    "squareplus": {"b": "原点处的曲率：f(0) = sqrt(b)/2"},
    "softshrink": {"lambd": "零带 [-lambd, lambd] 的半宽"},
    "hardshrink": {"lambd": "零带 [-lambd, lambd] 的半宽"},
    "swiglu_oai": {
        "alpha": "门的陡度（1.702：门即 quick GELU，b sigma(1.702 b)）",
        "limit": "门的上限截断为 L，值截断到 [-L, L]",
    },
}
