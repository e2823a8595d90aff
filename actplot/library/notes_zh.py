"""The notes of the built-in activations in Chinese (what `--lang zh` prints).

Each entry translates the English notes of its definition item for item: the same facts and
the same numbers, formulas and code names written as in English (tests/test_i18n.py checks
the items and the numbers).  A definition without an entry here shows its English notes.

Entries follow the order of ``actplot list``; a new activation's entry goes at the end.
"""

from ..activation import Notes

NOTES: dict[str, Notes] = {}


# rectified --------------------------------------------------------------------------------------

NOTES["relu"] = Notes(
    summary="正输入原样通过，负输入置零。",
    good=(
        "计算便宜：一次比较，没有指数运算。",
        "对 x > 0 导数恰为 1，因此激活路径上的梯度不会像 sigmoid（导数最大 0.25）那样逐层缩小。",
        "稀疏激活：输入为负的单元输出恰为 0。",
    ),
    bad=(
        "死神经元：对每个 x <= 0 都有 f' = 0（左侧硬饱和）；若某个单元在整个数据集上的输入都为"
        "负，它就得不到梯度，停止学习。学习率过大时这种情况很常见。",
        "不是零中心的：输出从不为负。",
        "在 0 处不可导（拐点）；那里的导数只是一种约定。",
    ),
    used=("MLP 和 CNN 隐藏层的默认选择。",),
    mistakes=(
        "对 x >= 0 取 relu'(x) = 1 只是拐点处的一种选择；PyTorch、JAX 和 actplot 取 relu'(0) = 0"
        "（`actplot info relu`）。",
        "ReLU 并没有“解决”梯度消失：它在整个负半轴上梯度为 0（`actplot grad relu`）；它只是让激"
        "活路径上的梯度不再逐层缩小。",
        "“约 50% 的单元输出 0”只在输入关于 0 对称时成立。",
        "死神经元未必永远死掉：它的输入还取决于前面的层，而那些层仍在学习。",
        "ReLU 和 Swish 不是“用于多分类”的激活函数，sigmoid 和 tanh 也不是“用于二分类”的：隐藏层"
        "的激活函数与类别数无关，只有输出层才与之有关（两类用 sigmoid，更多类用 softmax）。",
    ),
)


NOTES["relu6"] = Notes(
    summary="上限截在 6 的 ReLU。",
    good=("输出有界，适合低精度（量化）推理。",),
    bad=("两侧都有死区：x <= 0 和 x >= 6 时 f' = 0。",),
    used=("MobileNet v1 和 v2。",),
)


NOTES["leaky_relu"] = Notes(
    summary="负输入处带一个小斜率 alpha（0.01）的 ReLU。",
    good=(
        "没有死区：负输入处的梯度是 alpha，而不是 0。",
        "和 ReLU 一样便宜。",
    ),
    bad=(
        "在 0 处不光滑；alpha 又是一个超参数。",
        "经过负输入的梯度每一层仍要乘以 alpha（0.01）。",
    ),
    used=("死 ReLU 成为问题的隐藏层；GAN 的判别器（alpha = 0.2）。",),
    mistakes=(
        "Leaky ReLU 并不能消除梯度消失：负输入只传回 1% 的梯度，经过十个这样的层后只剩 1e-20"
        "（`actplot compare leaky_relu --layers 10`）。",
        "只有当 alpha <= 1 时，max(alpha x, x) 才等于分段定义。",
    ),
)


NOTES["prelu"] = Notes(
    summary="负斜率 alpha 可学习的 Leaky ReLU（He et al. 2015；初始值 0.25）。",
    good=("由网络自己选择负斜率，愿意的话可以每个通道各不相同。",),
    bad=("多出少量参数；学到的斜率在小数据集上可能过拟合。",),
    used=("图像分类的 CNN（它首次在 ImageNet 上取得低于人类水平的错误率）。",),
    mistakes=(
        "PReLU 不是由 alpha 的取值来定义的：alpha = 0 时它计算的就是 ReLU，alpha 固定为小值时就"
        "是 Leaky ReLU；让它成为 PReLU 的是 alpha 可学习，与其正负无关。",
    ),
)


NOTES["rrelu"] = Notes(
    summary="训练时负斜率从 [l, u] 中均匀随机抽取的 Leaky ReLU。",
    good=("随机斜率起正则化作用（Xu et al. 2015）。",),
    bad=("训练和评估时的行为不一样。",),
    used=("小数据集上的图像分类（Kaggle NDSB）。",),
)


NOTES["threshold"] = Notes(
    summary="x 高于阈值 t 时原样通过，其余替换为常数 v（torch.nn.Threshold）。",
    good=("以很低的代价硬性屏蔽小值。",),
    bad=("当 v != t 时在 t 处跳跃：梯度无法穿过跳跃，跳跃以下也没有梯度。",),
    used=("少见：手工搭建的门控和老式的阈值单元。",),
)


NOTES["hardtanh"] = Notes(
    summary="截断到 [a, b] 的恒等函数：分段线性的 tanh。",
    good=("便宜、有界且零中心。",),
    bad=("两侧硬饱和：在 (a, b) 之外 f' = 0。",),
    used=("低功耗网络和量化网络；RNN 中的截断。",),
)


NOTES["maxout"] = Notes(
    summary=(
        "k 个线性片段的最大值（Goodfellow et al. 2013）。在网络中，各片段按单元学习得到；这里把它"
        "们作为参数，用来展示形状。"
    ),
    good=(
        "任意形状的凸分段线性函数：片段足够多时可逼近任意凸函数；ReLU、leaky ReLU 和 |x| 都是它"
        "的特例。",
        "斜率非零的片段不会留下死区。",
    ),
    bad=("权重是它所替代的那一层的 k 倍。",),
    used=("配合 dropout 的 Maxout 网络；2013-2016 年的一些语音与视觉模型。",),
    mistakes=(
        "Maxout 并不能拟合所有凸函数，也不能排除死神经元：它只能在片段足够多时近似拟合；斜率取 "
        "(0, 1) 时它恰好就是 ReLU，连死区也一样（`actplot compare "
        "maxout:slopes=0,1,intercepts=0,0`）。",
    ),
)


NOTES["binary_step"] = Notes(
    summary="Heaviside 阶跃函数：x >= 0 时为 1，否则为 0；感知机的激活函数。",
    good=("精确的是/否输出。",),
    bad=("处处梯度为零：由阶跃单元组成的网络无法用反向传播学习。",),
    used=("感知机；二值化网络用直通估计器（straight-through estimator）训练它。",),
    mistakes=(
        "mlx.nn.step 直到 2026 年中都只在 x > threshold 时返回 1（mlx pull request 3694）；如今是 "
        "x >= threshold，即 binary_step 在跳跃处的取值。",
    ),
)


NOTES["identity"] = Notes(
    summary="f(x) = x：不做任何激活。",
    good=("输出无界：回归任务的输出层。",),
    bad=(
        "没有非线性时，无论网络多深，堆叠的层都会合并成一个线性映射（W2 (W1 x + b1) + b2 = W' x "
        "+ b'）。",
    ),
    used=("回归模型的输出层；线性瓶颈层。",),
)


# elu --------------------------------------------------------------------------------------------

NOTES["elu"] = Notes(
    summary="x > 0 时为恒等，x <= 0 时为 alpha (e^x - 1)（Clevert et al. 2015）。",
    good=(
        "负输出把激活的均值拉向 0，从而加快学习。",
        "没有死区：对每个有限的 x 都有 f' = alpha e^x > 0。",
        "平滑地饱和到 -alpha，因此强负输入的输出彼此相近（对噪声稳健）。",
    ),
    bad=(
        "每个元素一次指数运算：比 ReLU 昂贵。",
        "左侧软饱和：x 很负时 f' = alpha e^x 极小。",
        "alpha != 1 时导数在 0 处跳跃（从 alpha 跳到 1）：只是 C0。",
    ),
    used=("需要比 ReLU 更光滑的深层 MLP 和 CNN。",),
    mistakes=(
        "np.where(x > 0, x, 0.1*(exp(x) - 1)) 是 alpha = 0.1 的 ELU，而不是通常所说的 ELU，后者"
        "默认 alpha = 1（`actplot plot elu:alpha=0.1,1`）。",
        "ELU 并不光滑：只有 alpha = 1 时它才是 C1，而且永远不是 C2（f'' 在 0 处从 alpha 跳到 0；"
        "`actplot info elu:alpha=2`）。",
        "对很小的 x，alpha (e^x - 1) 会丢失全部有效数字（e^x - 1 发生相消）；actplot 使用 expm1。",
    ),
)


NOTES["selu"] = Notes(
    summary=(
        "以 lambda = 1.0507 缩放、alpha = 1.6733 的 ELU（Klambauer et al. 2017），这两个常数的取"
        "值使激活在网络加深时保持均值 0、方差 1。"
    ),
    good=("自归一化：深层 MLP 不需要批归一化就能训练。",),
    bad=(
        "需要 LeCun 正态初始化和 alpha-dropout 才能保持这一性质。",
        "导数在 0 处跳跃（从 1.7581 跳到 1.0507）：只是 C0。",
    ),
    used=("深层全连接网络（自归一化网络）。",),
)


NOTES["celu"] = Notes(
    summary="重新参数化的 ELU，使其导数对每个 alpha 都连续（Barron 2017）。",
    good=("对每个 alpha 都是 C1，这一点与 ELU 不同。",),
    bad=("和 ELU 一样，每个元素一次指数运算。",),
    used=("需要调节 alpha 时直接替换 ELU。",),
)


# sigmoidal --------------------------------------------------------------------------------------

NOTES["sigmoid"] = Notes(
    summary="logistic 函数：把任意实数压缩到 (0, 1)。",
    good=(
        "输出可以看作概率：二分类的输出层（配合交叉熵）。",
        "光滑且单调，导数有闭式 sigma(x) sigma(-x)。",
    ),
    bad=(
        "导数最大为 0.25（在 x = 0 处），所以 L 个 sigmoid 层至多把梯度乘以 0.25^L（十层为 "
        "9.5e-7）：深层网络中梯度消失。",
        "两侧软饱和：|x| > 5 时 f' < 0.0067。",
        "不是零中心的：所有输出都为正，所以下一层权重的更新同号，梯度下降走之字形。",
        "每个元素一次指数运算。",
    ),
    used=(
        "二分类器的输出层和多标签输出。",
        "LSTM 和 GRU 单元的门。",
        "早期（2010 年以前）网络的隐藏层，后来被 ReLU 取代。",
    ),
    mistakes=(
        "sigma'(x) = sigma(x)(1 - sigma(x)) 没错，但在 float64 中 x > 36.7 时它恰为 0，而 "
        "sigma'(40) = 4.2e-18；actplot 计算 sigma(x) sigma(-x)（`actplot table sigmoid --deriv "
        "--x 40`）。",
        "因子 sigma(v)(1 - sigma(v)) 的取值范围不是 [0, 1]，而是 (0, 0.25]。",
        "1/(1 + np.exp(-x)) 在 x < -709 时溢出，并发出 RuntimeWarning。",
    ),
)


NOTES["scaled_sigmoid"] = Notes(
    summary="拉伸到 (-2, 2) 的 sigmoid：原点处斜率为 1，因此在 0 附近就是恒等函数。",
    good=("零中心，且 f'(0) = 1。",),
    bad=("和 sigmoid、tanh 一样，两侧软饱和。",),
    used=("重新缩放的 sigmoid 的教科书例子。",),
    mistakes=(
        "它恰好等于 2 tanh(x/2)。写成 4/(exp(-x) + 1) - 2 时会在 0 附近相消（x = 1e-8 处相对误差"
        "为 6e-9）；actplot 按 2 tanh(x/2) 计算。",
    ),
)


NOTES["hard_sigmoid"] = Notes(
    summary="分段线性的 sigmoid：clip(s x + 1/2, 0, 1)；取默认的 s = 1/6 时即 relu6(x + 3)/6，与 PyTorch、JAX 和 Keras 3 一致。",
    good=("没有指数运算：在移动端硬件上很便宜。",),
    bad=("硬饱和：|x| >= 1/(2s) 时 f' = 0，默认即 |x| >= 3。",),
    used=("MobileNet v3 的门控（squeeze-and-excitation）和 hardswish。",),
    mistakes=(
        "较早的 Keras（3.0 之前）和 ONNX 把它定义为 clip(0.2 x + 0.5, 0, 1)，在 +-2.5 处饱和：即 hard_sigmoid:slope=0.2。",
    ),
)


NOTES["tanh"] = Notes(
    summary="双曲正切：压缩到 (-1, 1)；tanh(x) = 2 sigma(2x) - 1。",
    good=(
        "输出零中心。",
        "原点处梯度可达 1，是 sigmoid 的四倍。",
    ),
    bad=(
        "两侧仍然软饱和（|x| > 4.5 时 f' < 5e-4）：梯度穿过许多饱和层后会消失。",
        "每个元素一次指数运算。",
    ),
    used=("RNN、LSTM 和 GRU 单元的隐藏状态；有界于 (-1, 1) 的输出。",),
    mistakes=(
        "tanh'(x) = 1 - tanh^2(x) 在 float64 中当 |x| > 19 时恰为 0，而 tanh'(20) = 1.7e-17；"
        "actplot 计算 sech^2(x) = 4 sigma(2x) sigma(-2x)（`actplot grad tanh --log --range -40 "
        "40`）。",
        "按定义直接写出的 tanh 对大输入返回 nan：2e^{2x}/(e^{2x} + 1) - 1 在 x >= 355 时如此，"
        "(e^x - e^{-x})/(e^x + e^{-x}) 在 |x| >= 710 时如此（inf/inf）。",
        "tanh 不是“用于二分类”的激活函数：它是隐藏层的激活函数；只有输出层才取决于类别数。",
    ),
)


NOTES["softsign"] = Notes(
    summary="x / (1 + |x|)：值域为 (-1, 1) 的 S 形曲线，尾部按多项式衰减。",
    good=(
        "饱和得比 tanh 慢：f' 像 1/x^2 那样下降，而不是像 e^{-2|x|}。",
        "没有指数运算：比 tanh 便宜。",
    ),
    bad=("两侧仍然软饱和；f'' 在 0 处跳跃（只是 C1）。",),
    used=("偶尔在 RNN 和回归器的输出中代替 tanh。",),
    mistakes=(
        "Softsign 的导数并不比 tanh 的更昂贵：1/(1 + |x|)^2 不需要指数运算（`actplot compare "
        "softsign tanh` 会给两者计时）。",
    ),
)


NOTES["log_sigmoid"] = Notes(
    summary="sigmoid 的对数，按 -softplus(-x) 计算。",
    good=("不会下溢的对数概率：log(sigmoid(x)) 在 x < -745 时为 -inf。",),
    bad=("下方无界：不用作隐藏层的激活函数。",),
    used=("带 logits 的二元交叉熵；对数似然；word2vec 的负采样。",),
)


NOTES["arctan"] = Notes(
    summary="反正切：值域为 (-pi/2, pi/2) 的 S 形曲线。",
    good=("零中心，原点处斜率为 1，按多项式（缓慢地）饱和。",),
    bad=("两侧软饱和；实践中很少比 tanh 更好。",),
    used=("偶尔代替 tanh；一些物理信息神经网络（physics-informed networks）。",),
)


# smooth -----------------------------------------------------------------------------------------

NOTES["softplus"] = Notes(
    summary="光滑的 ReLU：log(1 + e^{beta x}) / beta，其导数就是 sigmoid。",
    good=(
        "光滑且严格为正：可用来参数化正的量（方差、速率）。",
        "没有死区：f' = sigma(beta x) > 0。",
    ),
    bad=(
        "从不恰为 0，因此没有稀疏性；不是零中心的。",
        "左侧软饱和；要算一次 exp 和一次 log。",
    ),
    used=("概率模型中取正值的输出；理论论文中的光滑 ReLU。",),
    mistakes=(
        "np.log(1 + np.exp(x)) 在 x > 709 时溢出为 inf，在 x < -37 时丢失全部有效数字（1 + e^x "
        "舍入为 1）；actplot 计算 max(x, 0) + log1p(e^{-|x|})。",
        "PyTorch 的 Softplus 在 beta x > 20（它的阈值）时直接返回 x 本身，在 x = 20 处偏差 "
        "2.06e-9（相对误差 1.03e-10）；actplot 保留精确公式。",
    ),
)


NOTES["swish"] = Notes(
    summary=(
        "以 sigma(beta x) 为门的 x（Ramachandran et al. 2017）；beta = 1 时就是 SiLU（Elfwing et "
        "al. 2017）。"
    ),
    good=(
        "光滑，带一个小的负向凹陷：负输入也有梯度流过。",
        "在 Swish 论文中，它在深层图像模型和翻译模型上达到或超过了 ReLU。",
    ),
    bad=(
        "非单调：在 x = -1.27846/beta 处取最小值 -0.27846/beta。",
        "每个元素一次指数运算；不是零中心的。",
    ),
    used=("EfficientNet、MobileNet v3（以 hardswish 的形式）、YOLO v5+、LLaMA 的 SwiGLU 前馈层。",),
    mistakes=(
        "Swish 的导数并非总为正：x < -1.27846（beta = 1）时为负，曲线在那里下探到最小值 -0.27846"
        "（`actplot compare swish`）。",
        "“比 ReLU 好”是在一些大模型上得到的经验结果，不是规律；swish 是通过在公式空间中搜索找到"
        "的，而不是设计出来的。",
    ),
)


NOTES["hardswish"] = Notes(
    summary="不含指数运算的分段二次 swish（MobileNet v3）。",
    good=("在移动端硬件上便宜；与 swish 接近。",),
    bad=(
        "导数在 -3 处（从 0 跳到 -1/2）和 3 处（从 3/2 跳到 1）跳跃：只是 C0。",
        "非单调：在 x = -1.5 处取最小值 -0.375；x <= -3 时是死区。",
    ),
    used=("MobileNet v3 及其他移动端架构。",),
)


NOTES["gelu"] = Notes(
    summary=(
        "以标准正态分布函数 Phi(x) 加权的 x（Hendrycks and Gimpel 2016）：随机门控 ReLU 的期望。"
    ),
    good=("光滑，带一个小的负向凹陷；Transformer 中的标准选择。",),
    bad=(
        "非单调：在 x = -0.75179 处取最小值 -0.16997。",
        "erf 计算代价高；许多框架提供 tanh 近似（gelu_tanh）。",
        "最左侧的梯度仍会消失：GELU'(-9) = -9.1e-18。",
    ),
    used=("BERT、RoBERTa、GPT-2、ViT 以及大多数 Transformer。",),
    mistakes=(
        "按 (1 + erf(x/sqrt 2))/2 计算的 Phi 在 x = -8.37 以下恰为 0（GELU = -0.0）；actplot 使"
        "用 erfc(-x/sqrt 2)/2。",
        "0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))) 不是 GELU，而是它的 tanh 近似（gelu_tanh"
        "），两者最多相差 4.7324e-4，出现在 x = +-2.6989 处（`actplot compare gelu gelu_tanh "
        "--diff`）。",
        "GELU 只在右侧避免了梯度消失；在左侧，它的导数像 x phi(x) 那样衰减（`actplot grad gelu "
        "--log --range -40 40`）。",
    ),
)


NOTES["gelu_tanh"] = Notes(
    summary="GELU 的 tanh 近似，与 GELU 处处相差不超过 4.7324e-4。",
    good=("不用 erf：在 erf 很慢的地方更快。",),
    bad=("只是近似：与 GELU 最多相差 4.7324e-4（x = +-2.6989）。",),
    used=("GPT-2 和 BERT 的原始代码；jax.nn.gelu 的默认行为（approximate=True）。",),
    mistakes=(
        "u << 0 时 1 + tanh(u) 会相消（u < -19 时为 0）；actplot 计算 x sigma(2u)，这是同一个函"
        "数，但能保住有效数字。",
    ),
)


NOTES["mish"] = Notes(
    summary="以 tanh(softplus(x)) 为门的 x（Misra 2019）：与 swish 类似的自门控光滑整流函数。",
    good=("光滑，有非单调的凹陷，上方无界；在 YOLO v4 中效果很好。",),
    bad=(
        "非单调：在 x = -1.19243 处取最小值 -0.30884。",
        "比 swish 更昂贵（exp、log 和 tanh）。",
    ),
    used=("YOLO v4 的骨干网络和一些图像分类器。",),
    mistakes=(
        "Mish 不是“注意力增强”的激活函数：它不涉及任何注意力机制；它和 swish 一样，是自门控的激"
        "活函数。",
    ),
)


NOTES["squareplus"] = Notes(
    summary="用平方根构造、形似 softplus 的光滑 ReLU（Barron 2021）。",
    good=("只用算术运算和一次开平方：在大多数硬件上比 softplus 快。",),
    bad=("在左侧只像 b/(4|x|) 那样趋于 0：一条很长的软尾巴。",),
    used=("softplus 成为瓶颈的研究模型。",),
)


# shrinkage --------------------------------------------------------------------------------------

NOTES["softshrink"] = Notes(
    summary="软阈值：把每个输入向 0 移动 lambd，并把区间 [-lambd, lambd] 置零。",
    good=("L1 范数的近端算子：产生精确的零（稀疏性）。",),
    bad=("死区 [-lambd, lambd]：那里没有梯度。",),
    used=("稀疏编码（ISTA、LISTA）、小波去噪。",),
)


NOTES["hardshrink"] = Notes(
    summary="硬阈值：|x| > lambd 的输入保持不变，其余置零。",
    good=("大值被原样保留：没有收缩偏差。",),
    bad=("在 +-lambd 处跳跃；两者之间是死区。",),
    used=("稀疏逼近（迭代硬阈值）、去噪。",),
)


NOTES["tanhshrink"] = Notes(
    summary="x 减去 tanh x：在 0 附近很平（像 x^3/3），远处与 x - 1 平行。",
    good=("光滑的收缩：小输入被抑制，大输入平移后通过。",),
    bad=("f'(0) = 0，且在 0 附近 f' ~ x^2：小信号几乎得不到梯度。",),
    used=("少见；一些稀疏编码和去噪网络。",),
    mistakes=(
        "直接写 x - tanh(x) 会在 0 附近相消（x = 0.5 处损失 8 ulp，低于 1e-8 时丢失全部有效数"
        "字）；actplot 在那里改用连分式。",
    ),
)


# other ------------------------------------------------------------------------------------------

NOTES["gaussian"] = Notes(
    summary="高斯峰 exp(-x^2)：原点处为 1，两侧尾部趋于 0。",
    good=("局部响应：每个单元只对某个值附近的输入有响应。",),
    bad=(
        "两侧软饱和，而且很快：|x| > 5 时 |f'| < 1e-9。",
        "非单调；f'(0) = 0。",
    ),
    used=("径向基函数网络；隐式神经表示。",),
)


# vector -----------------------------------------------------------------------------------------

NOTES["softmax"] = Notes(
    summary="把一个分数向量（logits）变成概率：全为正，且和为 1。",
    good=(
        "多分类的输出层，配合交叉熵。",
        "平移不变：先减去最大值，就永远不会溢出。",
        "两类时 softmax([x, 0]) 就是 sigmoid(x)：这正是 `actplot plot softmax` 画出的曲线。",
    ),
    bad=(
        "指数会放大差异：一个大的 logit 几乎占去全部概率。",
        "会饱和：当某个概率接近 1 时，每个梯度 s_i (delta_ij - s_j) 都接近 0。",
    ),
    used=("多分类器的输出层；Transformer 中的注意力权重；强化学习中的策略。",),
    mistakes=(
        "Softmax 并非“在 0 处不可导”，也不会让负输入的梯度为零（死神经元）：这两条说的都是 ReLU"
        "。Softmax 是光滑的，对有限输入，它的梯度从不恰为 0。",
        "它的导数并不是 softmax 公式本身：d s_i / d x_j = s_i (delta_ij - s_j)。",
        "把 softmax(np.linspace(-10, 10, 1000)) 画出来，得到的是 1000 个 logit 上的一个概率向"
        "量，而不是这个激活函数的形状；actplot 让一个 logit 变化、其余固定（`actplot plot "
        "softmax --context 0,1`）。",
        "torch.nn.Softmax2d 并不是另一个函数：它是在每个像素上对通道（(N, C, H, W) 批次的 axis "
        "-3）做 softmax；actplot 的 softmax2d 是对最后一个轴做 softmax。",
    ),
)


NOTES["softmin"] = Notes(
    summary="softmax(-x)：最小的分数得到最大的概率。",
    good=("可微的 arg-min：把对象软分配给几个选项中最近的那个。",),
    bad=("与 softmax 一样会饱和，对离群值一样敏感。",),
    used=("基于距离的软最近邻和软聚类；很少用作激活函数。",),
)


NOTES["log_softmax"] = Notes(
    summary="softmax 的对数，按 x - logsumexp(x) 计算。",
    good=(
        "在 softmax 下溢为 0 的地方，对数概率仍保持有限。",
        "与负对数似然搭配：PyTorch 的 CrossEntropyLoss 就是 log_softmax 后接 NLLLoss。",
    ),
    bad=("输出是对数概率（<= 0），不是概率。",),
    used=("用 NLL 损失训练的分类器的最后一层；语言模型的解码。",),
    mistakes=(
        "一旦有概率下溢（某个 logit 比最大值小 745），np.log(softmax(x)) 就是 -inf；actplot 计算"
        " x - max - log1p(其余各项指数之和)。",
        "多出的那次 log 并不使它比 softmax 更昂贵：它每个向量只取一次 log，而 softmax 每个元素要"
        "做一次除法。",
        "它并不能缓解 softmax 对离群值的敏感：它描述的是同样的概率；它改进的是这些概率的数值范围。",
    ),
)


# 门控激活（GLU 家族）：f(a, b)，a 为值，b 为门 ------------------------------------------------
NOTES.update(
    {
        "glu": Notes(
            summary="门控线性单元（Dauphin 等，2017）：值 a 乘以门 b 的 logistic sigmoid。",
            good=(
                "梯度经 a 有一条线性通路（df/da = sigma(b)），深层堆叠更易训练。",
                "门有界：输出总在 0 与 a 之间。",
            ),
            bad=(
                "宽度减半：一层的 2n 个预激活只给出 n 个输出。",
                "门会饱和：df/db = a sigma'(b) 至多为 a/4，|b| 大时趋于零。",
            ),
            used=(
                "门控卷积语言模型（Dauphin 等）；PyTorch 的 nn.GLU、jax.nn.glu、"
                "keras.activations.glu、mlx.nn.glu。",
            ),
            mistakes=(
                "PyTorch 的 F.glu(x) 用后一半给前一半加门：a = x[:n]，b = x[n:]，不是反过来。",
                "把 GLU 画成单输入（x = a = b）得到的是 swish x sigma(x)，不是 GLU。",
            ),
        ),
        "bilinear": Notes(
            summary="双线性单元：值与门的乘积 a b，即门上不加非线性的 GLU（Shazeer，2020）。",
            good=("家族中最便宜；在 Shazeer 的实验中仍胜过 ReLU 层。",),
            bad=("两个输入都无界；输出随两个预激活之积增长，低精度下可能溢出。",),
            used=("Shazeer 的《GLU Variants Improve Transformer》；研究中的双线性层。",),
            mistakes=("它不是线性的：f(a, b) = a b 对每个输入单独是线性的，合起来是二次的。",),
        ),
        "reglu": Notes(
            summary="值 a 乘以门 b 的 ReLU（Shazeer，2020）。",
            good=("便宜：不需要指数；稀疏：b <= 0 处 f = 0。",),
            bad=("门会死：b <= 0 时 df/db = 0，df/da = 0。", "沿 b = 0 有折点。"),
            used=("Shazeer 的 GLU 变体；部分 T5 变体。",),
            mistakes=("b = 0 处的 df/db 是约定：actplot 取 a relu'(0) = 0，与 PyTorch 相同。",),
        ),
        "geglu": Notes(
            summary="值 a 乘以门 b 的精确（erf）GELU（Shazeer，2020）。",
            good=("与 SwiGLU 同为 Shazeer 实验中最好的 GLU 变体。", "对两个输入都光滑。"),
            bad=("erf 代价高；许多实现改用 GELU 的 tanh 近似，每单位 a 相差至多 4.7e-4。",),
            used=("T5 v1.1、Gemma（用 GELU 的 tanh 形式）以及许多编码器模型。",),
            mistakes=("Gemma 的 GeGLU 中的 'gelu' 是 tanh 近似，不是这里的精确形式。",),
        ),
        "swiglu": Notes(
            summary="值 a 乘以门 b 的 swish（SiLU，beta = 1）（Shazeer，2020）："
            "多数大语言模型前馈层的激活。",
            good=(
                "与 GeGLU 同为 Shazeer 的 GLU 变体中困惑度最好的；对两个输入都光滑。",
                "门放过小的负值：b < 0 时梯度仍能流动。",
            ),
            bad=(
                "需要三个权重矩阵而非两个；模型把隐藏宽度缩为 2/3 以保持参数量。",
                "对 b 不单调：a = 1 时最小值为 -0.2785，在 b = -1.2785 处。",
            ),
            used=("LLaMA、Mistral、Qwen、PaLM 以及多数开源大语言模型。",),
            mistakes=(
                "Hugging Face 模型中门是 act(gate_proj(x))，值是 up_proj(x)：swish 作用在门上，"
                "不在值上。",
                "SwiGLU 不是对一层取 swish：它需要两个输入，x = a = b 时得到 x^2 sigma(x)。",
            ),
        ),
        "seglu": Notes(
            summary="值 a 乘以门 b 的 SELU：torch-activation 与 ActTensor 中的 GLU 变体。",
            good=("门不会死：处处 selu'(b) > 0。",),
            bad=(
                "少见：尚无已知的大模型使用它。",
                "沿 b = 0 有折点，selu' 在那里从 1.7581 跳到 1.0507。",
            ),
            used=("激活函数库（torch-activation 的 SeGLU）；研究中的比较。",),
        ),
        "swiglu_oai": Notes(
            summary="GPT-OSS 的 SwiGLU：门 b 上限截断为 7 并乘以 sigma(1.702 b)，"
            "再乘以截断到 [-7, 7] 后加 1 的值 a。",
            good=(
                "截断把输出限制在门的取值范围的 [-6, 8] 倍内，低精度（mxfp4 专家）下激活保持有限。",
                "+1 让值在 1 附近缩放门：a = 0 时门原样通过。",
            ),
            bad=(
                "硬饱和：b > 7 时 df/db = 0，|a| > 7 时 df/da = 0。",
                "不是 LLaMA 的 SwiGLU：alpha = 1.702 与 +1 改变了它的形状。",
            ),
            used=("OpenAI 的 gpt-oss 模型（swiglu_alpha = 1.702，swiglu_limit = 7）。",),
            mistakes=(
                "门是只截上限的那一半（x_glu，偶数位特征），值是两侧截断的那一半"
                "（x_linear，奇数位特征），二者交错排列，不是前后两半。",
                "+1 是在截断之后加到值上：(clip(a) + 1)，不是 clip(a + 1)。",
            ),
        ),
    }
)


# 近年模型与框架中的激活函数(与英文注释逐条对应)
NOTES.update(
    {
        "relu2": Notes(
            summary="平方 ReLU，max(0, x)^2(Primer，So 等 2021)：C1 连续，f'' 在原点从 0 跳到 2。",
            good=(
                "没有指数运算，导数 2 relu(x) 连续：0 处没有折点。",
                "与 ReLU 一样稀疏：x <= 0 时恰为 0。",
            ),
            bad=(
                "按 x^2 增长：大输入给出大输出和大梯度（f'(10) = 20）。",
                "x <= 0 时是死区，与 ReLU 相同。",
            ),
            used=(
                "Primer 的 Transformer 前馈层；NVIDIA Nemotron(hidden_act relu2)；mlx.nn.relu2。",
            ),
            mistakes=(
                "relu(x)^2 并不是“在 0 处有折点的 ReLU”：两侧都有 f'(0) = 0；跳变的是 f''，所以它是 C1(`actplot info relu2`)。",
            ),
        ),
        "star_relu": Notes(
            summary="s relu(x)^2 + b，缩放与偏置可学习（MetaFormer，Yu 等 2022）；默认 s = 2/sqrt(5) = 0.8944，b = -1/sqrt(5) = -0.4472。",
            good=(
                "默认值使标准正态输入的输出均值为零、方差为一：E relu(Z)^2 = 1/2，E relu(Z)^4 = 3/2。",
                "与平方 ReLU 一样便宜，只多一次乘加。",
            ),
            bad=(
                "与平方 ReLU 一样按 x^2 无界增长。",
                "x <= 0 时取常数 b：那里是死区，与 ReLU 相同。",
            ),
            used=("timm 中的 MetaFormer 模型（CAFormer、ConvFormer）。",),
            mistakes=(
                "timm 的 StarReLU 从 scale 1、bias 0 开始（二者都可学习），而不是论文的 0.8944 和 -0.4472：`star_relu:scale=1,bias=0` 才是 timm 的初始函数。",
            ),
        ),
        "crelu": Notes(
            summary="拼接 ReLU(Shang 等 2016；tf.nn.crelu)：沿某一轴拼接 relu(x) 与 relu(-x)，长度加倍。actplot 计算前一半 relu(x)；后一半是同一函数作用于 -x。",
            good=("保留了 ReLU 丢弃的负输入信息：除 0 以外，每个输入都给出一个非零输出。",),
            bad=(
                "输出翻倍，下一层的权重也翻倍。",
                "每一半都是 ReLU，带着它的死区和折点。",
            ),
            used=("早期 CNN 层，其滤波器会学成相位相反的成对滤波器。",),
            mistakes=(
                "CReLU 不是保持形状的逐元素函数：形状 (n, d) 的 tf.nn.crelu 结果是 (n, 2d)。前一半的元素是 relu(x)，后一半是 relu(-x)，这正是 `actplot plot crelu` 及其镜像所示。",
            ),
        ),
        "sparse_sigmoid": Notes(
            summary="clip((x + 1)/2, 0, 1)(jax.nn.sparse_sigmoid，keras.activations)：两个 logit [x, 0] 的 sparsemax。",
            good=(
                "恰好取到 0 和 1，输出可以稀疏，且无需指数运算。",
                "它是 sparse_plus 的导数，正如 sigmoid 是 softplus 的导数。",
            ),
            bad=("硬饱和：|x| >= 1 时 f' = 0。",),
            used=("稀疏门控与稀疏注意力（Martins 与 Astudillo 2016）；JAX 与 Keras 3。",),
            mistakes=(
                "它不是 hard_sigmoid：hard_sigmoid 在 +-3 处饱和、斜率 1/6，sparse_sigmoid 在 +-1 处饱和、斜率 1/2(ActTensor 把后者叫作 hard_sigmoid)。",
            ),
        ),
        "laplace": Notes(
            summary="均值 mu、标准差 sigma 的正态分布函数，0.5 (1 + erf((x - mu)/(sigma sqrt 2)))，出自 MEGA(Ma 等 2022)；mu = 0.707107，sigma = 0.282095。",
            good=(
                "与 sigmoid 一样有界于 (0, 1)，在原点附近更接近平方 ReLU，这是 MEGA 的注意力稳定所需要的。",
            ),
            bad=(
                "两侧都饱和得很快：|x - mu| > 1.5 时 f'(x) < 1.1e-6。",
                "每个元素要算一次 erfc。",
            ),
            used=("MEGA 的门控注意力（Hugging Face hidden_act laplace）。",),
            mistakes=(
                "写成 0.5 (1 + erf(t)) 时，x < -1.655 处结果恰为 0；actplot 计算 erfc(-t)/2，保留左尾：laplace(-2) = 4.1e-22。",
            ),
        ),
        "dyt": Notes(
            summary="动态 Tanh，gamma tanh(alpha x) + beta(Zhu 等 2025，“Transformers without Normalization”)：可直接替换层归一化。",
            good=(
                "逐元素计算：不需要在特征上求均值和方差，比 LayerNorm 便宜。",
                "有界：压缩归一化原本要缩放的少数大激活值。",
            ),
            bad=(
                "软饱和：大输入都映射到 beta +- gamma 附近。",
                "alpha 必须与输入的尺度相配；论文对其初值做了调参。",
            ),
            used=("不带归一化层训练的 Transformer(ViT、LLaMA 变体)。",),
            mistakes=(
                "DyT 不是归一化：它不看其他特征，因此既不中心化也不重新缩放向量，只是限制每个元素的范围。",
            ),
        ),
        "quick_gelu": Notes(
            summary="x sigma(1.702 x)：CLIP 使用的 GELU 的 sigmoid 近似；即 beta = 1.702 的 swish。",
            good=("只需一次指数，不用 erf 或 tanh：最便宜的 GELU 近似。",),
            bad=(
                "它不是 GELU：与 x Phi(x) 最多相差 0.0203(在 x = -2.27)，是 tanh 形式误差的四十倍（`actplot compare gelu quick_gelu --diff`）。",
            ),
            used=("OpenAI CLIP(Hugging Face quick_gelu)；mlx.nn.gelu_fast_approx。",),
            mistakes=(
                "用 quick_gelu 训练的检查点不能用 gelu 正确运行：每个单元的输出最多相差 0.02，误差会逐层放大。",
            ),
        ),
        "gelu_10": Notes(
            summary="截断到 [-10, 10] 的精确 GELU(Hugging Face gelu_10)；只有上界起作用，因为 GELU >= -0.17。",
            good=("上方有界，有利于激活值的 8 位量化。",),
            bad=("10 以上是死区：截断处之后 x > 10 时 f' = 0。",),
            used=("配置为 hidden_act gelu_10 的 Hugging Face 模型。",),
            mistakes=("-10 处的截断从不起作用：GELU 的最小值是 -0.16997(在 x = -0.75179)。",),
        ),
        "sparse_plus": Notes(
            summary="分段构成的 C1 softplus：先是 0，然后 (x + 1)^2/4，再是 x(jax.nn.sparse_plus，keras.activations)。",
            good=(
                "x <= -1 时恰为 0，x >= 1 时恰为 x：稀疏且无需指数。",
                "它的导数是 sparse_sigmoid，正如 softplus 的导数是 sigmoid。",
            ),
            bad=("x <= -1 时是死区；f'' 在 -1 和 1 处跳变。",),
            used=("JAX 与 Keras 3(keras.activations.sparse_plus)。",),
            mistakes=("它不是 softplus：sparse_plus(0) = 0.25，softplus(0) = log 2 = 0.6931。",),
        ),
        "hard_mish": Notes(
            summary="分段二次的 mish(timm 的 hard_mish)：x <= -2 时为 0，中间为 x (x + 2)/2，x >= 0 时为 x。",
            good=("无需指数；接近 mish，x >= 0 时等于 x。",),
            bad=(
                "导数在 -2 处跳变（0 到 -1）：只有 C0。",
                "非单调：在 x = -1 处取最小值 -0.5；x <= -2 时是死区。",
            ),
            used=("timm(act_layer hard_mish)，用于适合移动端的 CNN。",),
            mistakes=(
                "它不是 hardswish：hardswish 是 x relu6(x + 3)/6，最小值 -0.375 在 x = -1.5；hard_mish 最小值 -0.5 在 x = -1，且从 -2 起是死区。",
            ),
        ),
        "xielu": Notes(
            summary="ELU 的扩展积分（Huang 与 Schlag 2025），按 Hugging Face 为 Apertus 的实现：x > 0 时为二次函数，x <= 0 时为指数减去一条直线；alpha_p = alpha_n = 0.8，beta = 0.5，eps = -1e-6。",
            good=(
                "x > 0 时斜率线性增长（2 alpha_p x + beta），与平方 ReLU 相似；x < 0 时斜率保持非零（趋于 beta - alpha_n = -0.3）。",
            ),
            bad=(
                "非单调，且两侧都无界：f(-inf) = +inf，最小值 -0.20575 在 x = -0.98083。",
                "min(x, eps) 使 f 在 0 处跳变 8e-7，f' 在 eps 处从 0.4999992 跳到 -0.3：这是公式的副作用，在图的尺度上看不见。",
            ),
            used=("Apertus 语言模型（Swiss AI，2025），hidden_act xielu。",),
            mistakes=(
                "alpha_n 不是被学习的参数：模型学习的是 n，且 alpha_n = beta + softplus(n)，所以总有 alpha_n > beta；actplot 取的是有效值。",
            ),
        ),
        "sqrt_softplus": Notes(
            summary="softplus 的平方根：恒正，左侧像 e^{x/2}，右侧像 sqrt(x)。",
            good=(
                "恒正且单调，只按 sqrt(x) 增长：大的路由 logit 无法像 exp 或 softplus 那样占据主导。",
            ),
            bad=("导数在右侧按 1/(2 sqrt x) 衰减，在左侧按 e^{x/2}/2 衰减。",),
            used=("DeepSeek V4 的专家路由（Hugging Face sqrtsoftplus）。",),
            mistakes=(
                "sqrt(log1p(exp(x))) 在 x = -708 以下（exp(x) 成为次正规数）丢失有效数字（x = -745 时给出 2.2e-162，真值 1.7e-162），在 -745.2 以下为 0；真值约为 e^{x/2}，actplot 一直保持到 x = -1490。",
            ),
        ),
        "snake": Notes(
            summary="x + sin^2(alpha x)/alpha(Liu Ziyin 等 2020)：带周期波纹的直线，用于重复的信号。在 x = +-inf 处 f' 与 f'' 为 nan：它们永远振荡，没有极限。当 alpha x 超出 float64 范围时相位已被舍入误差吞没（x 的一个 ulp 跨越许多周期），此时取相位 0。",
            good=(
                "能外推周期模式，这是 ReLU 和 tanh 网络做不到的。",
                "单调：f' = 1 + sin(2 alpha x) 位于 [0, 2]。",
            ),
            bad=(
                "导数每个周期有一次达到 0(在 alpha x = -pi/4 + k pi)。",
                "每个元素要算两个三角函数。",
            ),
            used=("神经声码器：BigVGAN、DAC 及其他音频编解码器。",),
            mistakes=(
                "Snake 不是 sin(x) + x：波纹是 sin^2(alpha x)/alpha，从不为负，所以处处有 snake(x) >= x。",
            ),
        ),
        "snake_beta": Notes(
            summary="频率与幅度分开的 Snake，x + sin^2(alpha x)/beta(BigVGAN)；alpha = beta 时即 snake。在 x = +-inf 处 f' 与 f'' 为 nan：它们永远振荡，没有极限。当 alpha x 超出 float64 范围时相位已被舍入误差吞没（x 的一个 ulp 跨越许多周期），此时取相位 0。",
            good=("频率与波纹幅度分别学习。",),
            bad=("alpha > beta 时非单调：f' = 1 + (alpha/beta) sin(2 alpha x) 会低于 0。",),
            used=("BigVGAN 的声码器（alpha 与 beta 取对数尺度，初值为 1）。",),
            mistakes=(
                "设置 alpha_logscale 时，BigVGAN 存的是 log alpha 和 log beta：存的 0 表示 alpha = beta = 1，而不是 0；并且它除以 beta + 1e-9。",
            ),
        ),
        "exponential": Notes(
            summary="e^x(keras.activations.exponential)：恒正，且是自身的导数。",
            good=("把任意实数映射为正值：速率、尺度、泊松均值。",),
            bad=("float64 中 x > 709.78(float32 中 88.72)时溢出为 inf；梯度与输出一样快地爆炸。",),
            used=("正值量的输出层；Keras 的 exponential。",),
            mistakes=("需要正输出时，softplus 通常更安全：它按 x 增长，而不是 e^x。",),
        ),
        "log1mexp": Notes(
            summary="x >= 0 上的 log(1 - e^-x)(jax.nn.log1mexp)：由 x = -log p 得到 1 - p 的对数。只在 x >= 0 上有定义：0 以下为 nan，0 处为 -inf。",
            good=(
                "不离开对数空间就把对数概率变为其补的对数：log(1 - p) = log1mexp(-log p)。",
                "递增且凹；f' = 1/(e^x - 1) 像 e^-x 一样衰减。",
            ),
            bad=(
                "不适合作隐藏层激活：负输入上没有定义，且 f' = 1/(e^x - 1) 在 0 附近无界（约为 1/x）。",
            ),
            used=(
                "生存分析与删失数据的似然、对数空间的概率计算、扩散模型的噪声调度；jax.nn.log1mexp。",
            ),
            mistakes=(
                "np.log(1 - np.exp(-x)) 在 x 很小时丢掉全部有效数字：x = 1e-17 时 e^-x 舍入为 1，结果是 -inf 而不是 -39.14。np.log1p(-np.exp(-x)) 有同样的缺陷；np.log(-np.expm1(-x)) 则在 x 很大时有相反的缺陷。稳定的写法在 ln 2 以下用前者、以上用后者(Maechler 2012)。",
            ),
        ),
        "standardize": Notes(
            summary="jax.nn.standardize：沿最后一个轴的 (x - mean) / sqrt(var + epsilon)，即去掉可学习缩放与平移的层归一化。在默认上下文 [x, 0] 下它是 x / sqrt(x^2 + 4 epsilon)，一个宽约 4 sqrt(epsilon) = 0.0126 的台阶。",
            good=(
                "无论输入的尺度如何，每个向量输出的均值为 0、方差略小于 1：激活值和梯度在深层网络中保持稳定的大小。",
            ),
            bad=(
                "其雅可比矩阵耦合所有元素：均值和方差依赖整个向量，也依赖 n。",
                "几乎为常数的向量会被放大到 1 的量级：只有 epsilon 使 standardize([1, 1 + 1e-9]) 不变成 [-1, 1]；那里 f' 的峰值为 1/(2 sqrt(epsilon)) = 158。",
            ),
            used=(
                "每个 Transformer 中的 LayerNorm(Ba 等 2016)，在可学习的缩放与平移之前；jax.nn.standardize、flax.linen.LayerNorm。",
            ),
            mistakes=(
                "把方差算成 mean(x^2) - mean(x)^2 的单遍公式(jax.nn.standardize 就这样做)在均值很大时会抵消：x = 1e9 + [0, 1, 2] 时 float64 中它得到 0，输出为 [-316.23, 0, 316.23] 而不是 [-1.2247, 0, 1.2247]。actplot 先减去均值（两遍）。",
                "方差是总体方差，除以 n，而不是像 ddof=1 的 np.var 或默认的 torch.var 那样除以 n - 1。",
            ),
        ),
        "sparsemax": Notes(
            summary="logit 到概率单纯形上的欧氏投影（Martins 与 Astudillo 2016）：与 softmax 类似，但小的 logit 恰好得到 0。sparsemax([x, 0]) 即 sparse_sigmoid(x)。",
            good=(
                "稀疏、易读的注意力和标签分布：两个 logit 中比最大者小 1 以上的那个恰好得到 0。",
                "无需指数：每个向量一次排序和一次累加。",
            ),
            bad=(
                "概率为零的元素没有梯度：支撑集选错时，单元无法重新学回来。",
                "其雅可比矩阵 s_i delta_ij - s_i s_j/|S| 分段为常数：f'' = 0。",
            ),
            used=("稀疏注意力与多标签分类；keras.ops.sparsemax。",),
            mistakes=(
                "sparsemax 不是截断后的 softmax：它保留的概率是平移后的 logit x_i - tau，而不是重新归一化的指数。",
                "恰为 0 的元素在支撑集之外：其梯度为 0，雅可比矩阵是较小支撑集上的（与 entmax 包和 Keras 的计算相同）。",
            ),
        ),
        "entmax15": Notes(
            summary="alpha = 1.5 的 alpha-entmax(Peters、Niculae 与 Martins 2019)，介于 softmax(alpha = 1)与 sparsemax(alpha = 2)之间：稀疏，但比 sparsemax 光滑。用精确的基于排序的算法计算。",
            good=(
                "与 sparsemax 一样稀疏，但是 C1：雅可比矩阵连续。",
                "entmax15([x, 0]) 只在 x = -2 和 2 处到达 0 和 1，中间是光滑的 S 形。",
            ),
            bad=(
                "每个向量要排序一次：O(n log n)，而 softmax 是 O(n)。",
                "概率为零的元素没有梯度，与 sparsemax 相同。",
            ),
            used=("稀疏注意力与序列到序列的输出层（entmax 包）。",),
            mistakes=(
                "entmax15 不直接使用 logit：阈值作用在 x/2 上，所以 entmax15(x) 不是 sparsemax(x) 的平方。",
                "恰为 0 的元素在支撑集之外：其梯度为 0，雅可比矩阵是较小支撑集上的（与 entmax 包和 Keras 的计算相同）。",
            ),
        ),
        "logsumexp": Notes(
            summary="log sum_j e^{x_j}，一种光滑最大值：介于 max(x) 与 max(x) + log n 之间。actplot 把这一个数重复放在向量的每个位置上，因此雅可比矩阵的每一行都是梯度 softmax(x)。",
            good=(
                "它的梯度是 softmax：分类器的对数配分函数。",
                "按 max + log1p(其余 e^{x_j - max} 之和) 计算：不溢出，不丢有效数字。",
            ),
            bad=("它是归约而不是激活：每个向量一个数。",),
            used=(
                "对数似然与交叉熵；光滑最大池化；torch.logsumexp、jax.nn.logsumexp、tf.reduce_logsumexp。",
            ),
            mistakes=(
                "只要有一个 logit 大于 709.78，np.log(np.sum(np.exp(x))) 就溢出为 inf；先减去最大值是精确的，不是近似。",
            ),
        ),
        "logmeanexp": Notes(
            summary="log((1/n) sum_j e^{x_j}) = logsumexp(x) - log n：介于 mean(x) 与 max(x) 之间的光滑最大值。actplot 把这一个数重复放在向量的每个位置上，因此雅可比矩阵的每一行都是梯度 softmax(x)。",
            good=("不随长度 n 增长：n 个相等 logit 的 logmeanexp 就是该 logit。",),
            bad=("它是归约而不是激活：每个向量一个数。",),
            used=("重要性加权下界（IWAE）、对数概率的集成；jax.nn.logmeanexp。",),
            mistakes=(
                "按 logsumexp(x) - log(n) 的顺序计算时，结果接近 0 处会丢失有效数字；actplot 把 1/n 放进 log1p 内，因此 [0, 0, 0] 恰好给出 0。",
            ),
        ),
    }
)
