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
        "binary_step(theta) = 1，与 mlx.nn.step（x >= threshold）相同。导数处处为 0，跳跃处也是："
        "那里的导数是 Dirac delta，autograd 会把它丢掉。"
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
        "hard_sigmoid'(+-1/(2s)) = 0（默认在 -3 和 3 处）：只在区间内部（不含端点）为 s，与 PyTorch "
        "相同；最接近各拐角的 float64 数算作拐角。"
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
    # recent models and frameworks
    "relu2": "f''(0) = 0：取左侧的值，与 PyTorch、JAX 和 TF 的 autograd 对 relu(x)**2 给出的相同。",
    "star_relu": "f''(0) = 0：取左侧的值，与 PyTorch、JAX 和 TF 的 autograd 对 relu(x)**2 给出的相同。",
    "crelu": "两半各自取 crelu'(0) = 0，与 relu'(0) = 0 相同。",
    "sparse_sigmoid": (
        "sparse_sigmoid'(-1) = sparse_sigmoid'(1) = 0：只在区间内部（不含端点）为 1/2（JAX 的 clip "
        "在那里给出 1/4，即两侧各一半）。"
    ),
    "gelu_10": (
        "gelu_10'(10) = GELU'(10) = 1 + 7.6e-22（float64 中为 1）：精确算术下 x Phi(x) 要到 "
        "x = 10 + 7.6e-23 才达到 10，位于 float64 的 10 与其上一个数之间。"
    ),
    "sparse_plus": (
        "在 x = -1 和 1 处取外侧的分段，与 JAX 相同：f'(-1) = 0，f'(1) = 1（两侧一致），"
        "f''(-1) = f''(1) = 0。"
    ),
    "hard_mish": "衔接点归外侧分段：f'(-2) = 0（右侧为 -1），f'(0) = 1，f''(-2) = f''(0) = 0。",
    "xielu": (
        "在 x = eps 处取指数分段（f' = alpha_n expm1(eps) + beta），在 x = 0 处取左侧分段"
        "（f(0) = alpha_n expm1(eps)，f'(0) = beta - alpha_n，f''(0) = 0），与公式中 x > 0 的判断一致。"
    ),
    "sparsemax": (
        "某个分量恰好要进入支撑集时（p_i = 0）算作在外：sparsemax([x, 0]) 在 x = -1 和 x = 1 处"
        "导数为 0。"
    ),
    "entmax15": (
        "某个分量恰好要进入支撑集时（p_i = 0）算作在外：entmax15([x, 0]) 在 x = -2 和 x = 2 处 "
        "f'' = 0。"
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
    "binary_step": {"threshold": "theta：阶跃的位置"},
    "hard_sigmoid": {"slope": "s：PyTorch、JAX 和 Keras 3 中为 1/6；Keras 2 和 ONNX 中为 0.2"},
    "star_relu": {
        "scale": "s，可学习；MetaFormer 中为 2/sqrt(5)",
        "bias": "b，可学习；MetaFormer 中为 -1/sqrt(5)",
    },
    "laplace": {
        "mu": "中心；MEGA 的 0.707107 约为 1/sqrt 2",
        "sigma": "宽度；MEGA 的 0.282095 约为 1/(2 sqrt pi)",
    },
    "dyt": {
        "alpha": "输入缩放，可学习的标量（初值 0.5）",
        "gamma": "输出缩放，每通道可学习",
        "beta": "输出平移，每通道可学习",
    },
    "xielu": {
        "alpha_p": "x > 0 时的曲率，一个可学习值的 softplus",
        "alpha_n": "x <= 0 时的缩放，beta 加上一个可学习值的 softplus",
        "beta": "0+ 处的斜率，固定",
        "eps": "指数在此处被冻结，固定",
    },
    "snake": {"alpha": "频率，每通道可学习"},
    "snake_beta": {"alpha": "频率，每通道可学习", "beta": "波纹大小的倒数，每通道可学习"},
    "standardize": {"epsilon": "加在方差上"},
}
