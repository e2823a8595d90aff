"""The notes of the built-in activations in Chinese (what `--lang zh` prints)."""

from ..activation import Notes

NOTES: dict[str, Notes] = {}

# 近年模型与框架中的激活函数(与英文注释逐条对应)
NOTES.update(
    {
        "relu2": Notes(
            summary="平方 ReLU,max(0, x)^2(Primer,So 等 2021):C1 连续,f'' 在原点从 0 跳到 2。",
            good=(
                "没有指数运算,导数 2 relu(x) 连续:0 处没有折点。",
                "与 ReLU 一样稀疏:x <= 0 时恰为 0。",
            ),
            bad=(
                "按 x^2 增长:大输入给出大输出和大梯度(f'(10) = 20)。",
                "x <= 0 时是死区,与 ReLU 相同。",
            ),
            used=("Primer 的 Transformer 前馈层;NVIDIA Nemotron(hidden_act relu2);mlx.nn.relu2。",),
            mistakes=(
                "relu(x)^2 并不是“在 0 处有折点的 ReLU”:两侧都有 f'(0) = 0;跳变的是 f'',所以它是 C1(`actplot info relu2`)。",
            ),
        ),
        "star_relu": Notes(
            summary="s relu(x)^2 + b,缩放与偏置可学习(MetaFormer,Yu 等 2022);默认 s = 2/sqrt(5) = 0.8944,b = -1/sqrt(5) = -0.4472。",
            good=(
                "默认值使标准正态输入的输出均值为 0、方差为 1:E relu(Z)^2 = 1/2,E relu(Z)^4 = 3/2。",
                "与平方 ReLU 一样便宜,只多一次乘加。",
            ),
            bad=(
                "与平方 ReLU 一样按 x^2 无界增长。",
                "x <= 0 时取常数 b:那里是死区,与 ReLU 相同。",
            ),
            used=("timm 中的 MetaFormer 模型(CAFormer、ConvFormer)。",),
            mistakes=(
                "timm 的 StarReLU 从 scale 1、bias 0 开始(二者都可学习),而不是论文的 0.8944 和 -0.4472:`star_relu:scale=1,bias=0` 才是 timm 的初始函数。",
            ),
        ),
        "crelu": Notes(
            summary="拼接 ReLU(Shang 等 2016;tf.nn.crelu):沿某一轴拼接 relu(x) 与 relu(-x),长度加倍。actplot 计算前一半 relu(x);后一半是同一函数作用于 -x。",
            good=("保留了 ReLU 丢弃的负输入信息:除 0 以外,每个输入都给出一个非零输出。",),
            bad=(
                "输出翻倍,下一层的权重也翻倍。",
                "每一半都是 ReLU,带着它的死区和折点。",
            ),
            used=("早期 CNN 层,其滤波器会学成相位相反的成对滤波器。",),
            mistakes=(
                "CReLU 不是保持形状的逐元素函数:形状 (n, d) 的 tf.nn.crelu 结果是 (n, 2d)。前一半的元素是 relu(x),后一半是 relu(-x),这正是 `actplot plot crelu` 及其镜像所示。",
            ),
        ),
        "sparse_sigmoid": Notes(
            summary="clip((x + 1)/2, 0, 1)(jax.nn.sparse_sigmoid,keras.activations):两个 logit [x, 0] 的 sparsemax。",
            good=(
                "恰好取到 0 和 1,输出可以稀疏,且无需指数运算。",
                "它是 sparse_plus 的导数,正如 sigmoid 是 softplus 的导数。",
            ),
            bad=("硬饱和:|x| >= 1 时 f' = 0。",),
            used=("稀疏门控与稀疏注意力(Martins 与 Astudillo 2016);JAX 与 Keras 3。",),
            mistakes=(
                "它不是 hard_sigmoid:hard_sigmoid 在 +-3 处饱和、斜率 1/6,sparse_sigmoid 在 +-1 处饱和、斜率 1/2(ActTensor 把后者叫作 hard_sigmoid)。",
            ),
        ),
        "laplace": Notes(
            summary="均值 mu、标准差 sigma 的正态分布函数,0.5 (1 + erf((x - mu)/(sigma sqrt 2))),出自 MEGA(Ma 等 2022);mu = 0.707107,sigma = 0.282095。",
            good=(
                "与 sigmoid 一样有界于 (0, 1),在原点附近更接近平方 ReLU,这是 MEGA 的注意力稳定所需要的。",
            ),
            bad=(
                "两侧都饱和得很快:|x - mu| > 1.5 时 f'(x) < 1.1e-6。",
                "每个元素要算一次 erfc。",
            ),
            used=("MEGA 的门控注意力(Hugging Face hidden_act laplace)。",),
            mistakes=(
                "写成 0.5 (1 + erf(t)) 时,x < -1.655 处结果恰为 0;actplot 计算 erfc(-t)/2,保留左尾:laplace(-2) = 4.1e-22。",
            ),
        ),
        "dyt": Notes(
            summary="动态 Tanh,gamma tanh(alpha x) + beta(Zhu 等 2025,“Transformers without Normalization”):可直接替换层归一化。",
            good=(
                "逐元素计算:不需要在特征上求均值和方差,比 LayerNorm 便宜。",
                "有界:压缩归一化原本要缩放的少数大激活值。",
            ),
            bad=(
                "软饱和:大输入都映射到 beta +- gamma 附近。",
                "alpha 必须与输入的尺度相配;论文对其初值做了调参。",
            ),
            used=("不带归一化层训练的 Transformer(ViT、LLaMA 变体)。",),
            mistakes=(
                "DyT 不是归一化:它不看其他特征,因此既不中心化也不重新缩放向量,只是限制每个元素的范围。",
            ),
        ),
        "quick_gelu": Notes(
            summary="x sigma(1.702 x):CLIP 使用的 GELU 的 sigmoid 近似;即 beta = 1.702 的 swish。",
            good=("只需一次指数,不用 erf 或 tanh:最便宜的 GELU 近似。",),
            bad=(
                "它不是 GELU:与 x Phi(x) 最多相差 0.0203(在 x = -2.27),是 tanh 形式误差的四十倍(`actplot compare gelu quick_gelu --diff`)。",
            ),
            used=("OpenAI CLIP(Hugging Face quick_gelu);mlx.nn.gelu_fast_approx。",),
            mistakes=(
                "用 quick_gelu 训练的检查点不能用 gelu 正确运行:每个单元的输出最多相差 0.02,误差会逐层放大。",
            ),
        ),
        "gelu_10": Notes(
            summary="截断到 [-10, 10] 的精确 GELU(Hugging Face gelu_10);只有上界起作用,因为 GELU >= -0.17。",
            good=("上方有界,有利于激活值的 8 位量化。",),
            bad=("10 以上是死区:截断处之后 x > 10 时 f' = 0。",),
            used=("配置为 hidden_act gelu_10 的 Hugging Face 模型。",),
            mistakes=("-10 处的截断从不起作用:GELU 的最小值是 -0.16997(在 x = -0.75179)。",),
        ),
        "sparse_plus": Notes(
            summary="分段构成的 C1 softplus:先是 0,然后 (x + 1)^2/4,再是 x(jax.nn.sparse_plus,keras.activations)。",
            good=(
                "x <= -1 时恰为 0,x >= 1 时恰为 x:稀疏且无需指数。",
                "它的导数是 sparse_sigmoid,正如 softplus 的导数是 sigmoid。",
            ),
            bad=("x <= -1 时是死区;f'' 在 -1 和 1 处跳变。",),
            used=("JAX 与 Keras 3(keras.activations.sparse_plus)。",),
            mistakes=("它不是 softplus:sparse_plus(0) = 0.25,softplus(0) = log 2 = 0.6931。",),
        ),
        "hard_mish": Notes(
            summary="分段二次的 mish(timm 的 hard_mish):x <= -2 时为 0,中间为 x (x + 2)/2,x >= 0 时为 x。",
            good=("无需指数;接近 mish,x >= 0 时等于 x。",),
            bad=(
                "导数在 -2 处跳变(0 到 -1):只有 C0。",
                "非单调:在 x = -1 处取最小值 -0.5;x <= -2 时是死区。",
            ),
            used=("timm(act_layer hard_mish),用于适合移动端的 CNN。",),
            mistakes=(
                "它不是 hardswish:hardswish 是 x relu6(x + 3)/6,最小值 -0.375 在 x = -1.5;hard_mish 最小值 -0.5 在 x = -1,且从 -2 起是死区。",
            ),
        ),
        "xielu": Notes(
            summary="ELU 的扩展积分(Huang 与 Schlag 2025),按 Hugging Face 为 Apertus 的实现:x > 0 时为二次函数,x <= 0 时为指数减去一条直线;alpha_p = alpha_n = 0.8,beta = 0.5,eps = -1e-6。",
            good=(
                "x > 0 时斜率线性增长(2 alpha_p x + beta),与平方 ReLU 相似;x < 0 时斜率保持非零(趋于 beta - alpha_n = -0.3)。",
            ),
            bad=(
                "非单调,且两侧都无界:f(-inf) = +inf,最小值 -0.20575 在 x = -0.98083。",
                "min(x, eps) 使 f 在 0 处跳变 8e-7,f' 在 eps 处从 0.4999992 跳到 -0.3:这是公式的副作用,在图的尺度上看不见。",
            ),
            used=("Apertus 语言模型(Swiss AI,2025),hidden_act xielu。",),
            mistakes=(
                "alpha_n 不是被学习的参数:模型学习的是 n,且 alpha_n = beta + softplus(n),所以总有 alpha_n > beta;actplot 取的是有效值。",
            ),
        ),
        "sqrt_softplus": Notes(
            summary="softplus 的平方根:恒正,左侧像 e^{x/2},右侧像 sqrt(x)。",
            good=(
                "恒正且单调,只按 sqrt(x) 增长:大的路由 logit 无法像 exp 或 softplus 那样占据主导。",
            ),
            bad=("导数在右侧按 1/(2 sqrt x) 衰减,在左侧按 e^{x/2}/2 衰减。",),
            used=("DeepSeek V4 的专家路由(Hugging Face sqrtsoftplus)。",),
            mistakes=(
                "sqrt(log1p(exp(x))) 在 x = -708 以下(exp(x) 成为次正规数)丢失有效数字(x = -745 时给出 2.2e-162,真值 1.7e-162),在 -745.2 以下为 0;真值约为 e^{x/2},actplot 一直保持到 x = -1490。",
            ),
        ),
        "snake": Notes(
            summary="x + sin^2(alpha x)/alpha(Liu Ziyin 等 2020):带周期波纹的直线,用于重复的信号。在 x = +-inf 处 f' 与 f'' 为 nan:它们永远振荡,没有极限。当 alpha x 超出 float64 范围时相位已被舍入误差吞没(x 的一个 ulp 跨越许多周期),此时取相位 0。",
            good=(
                "能外推周期模式,这是 ReLU 和 tanh 网络做不到的。",
                "单调:f' = 1 + sin(2 alpha x) 位于 [0, 2]。",
            ),
            bad=(
                "导数每个周期有一次达到 0(在 alpha x = -pi/4 + k pi)。",
                "每个元素要算两个三角函数。",
            ),
            used=("神经声码器:BigVGAN、DAC 及其他音频编解码器。",),
            mistakes=(
                "Snake 不是 sin(x) + x:波纹是 sin^2(alpha x)/alpha,从不为负,所以处处有 snake(x) >= x。",
            ),
        ),
        "snake_beta": Notes(
            summary="频率与幅度分开的 Snake,x + sin^2(alpha x)/beta(BigVGAN);alpha = beta 时即 snake。在 x = +-inf 处 f' 与 f'' 为 nan:它们永远振荡,没有极限。当 alpha x 超出 float64 范围时相位已被舍入误差吞没(x 的一个 ulp 跨越许多周期),此时取相位 0。",
            good=("频率与波纹幅度分别学习。",),
            bad=("alpha > beta 时非单调:f' = 1 + (alpha/beta) sin(2 alpha x) 会低于 0。",),
            used=("BigVGAN 的声码器(alpha 与 beta 取对数尺度,初值为 1)。",),
            mistakes=(
                "设置 alpha_logscale 时,BigVGAN 存的是 log alpha 和 log beta:存的 0 表示 alpha = beta = 1,而不是 0;并且它除以 beta + 1e-9。",
            ),
        ),
        "exponential": Notes(
            summary="e^x(keras.activations.exponential):恒正,且是自身的导数。",
            good=("把任意实数映射为正值:速率、尺度、泊松均值。",),
            bad=("float64 中 x > 709.78(float32 中 88.72)时溢出为 inf;梯度与输出一样快地爆炸。",),
            used=("正值量的输出层;Keras 的 exponential。",),
            mistakes=("需要正输出时,softplus 通常更安全:它按 x 增长,而不是 e^x。",),
        ),
        "sparsemax": Notes(
            summary="logit 到概率单纯形上的欧氏投影(Martins 与 Astudillo 2016):与 softmax 类似,但小的 logit 恰好得到 0。sparsemax([x, 0]) 即 sparse_sigmoid(x)。",
            good=(
                "稀疏、易读的注意力和标签分布:两个 logit 中比最大者小 1 以上的那个恰好得到 0。",
                "无需指数:每个向量一次排序和一次累加。",
            ),
            bad=(
                "概率为 0 的元素没有梯度:支撑集选错时,单元无法重新学回来。",
                "其雅可比矩阵 s_i delta_ij - s_i s_j/|S| 分段为常数:f'' = 0。",
            ),
            used=("稀疏注意力与多标签分类;keras.ops.sparsemax。",),
            mistakes=(
                "sparsemax 不是截断后的 softmax:它保留的概率是平移后的 logit x_i - tau,而不是重新归一化的指数。",
                "恰为 0 的元素在支撑集之外:其梯度为 0,雅可比矩阵是较小支撑集上的(与 entmax 包和 Keras 的计算相同)。",
            ),
        ),
        "entmax15": Notes(
            summary="alpha = 1.5 的 alpha-entmax(Peters、Niculae 与 Martins 2019),介于 softmax(alpha = 1)与 sparsemax(alpha = 2)之间:稀疏,但比 sparsemax 光滑。用精确的基于排序的算法计算。",
            good=(
                "与 sparsemax 一样稀疏,但是 C1:雅可比矩阵连续。",
                "entmax15([x, 0]) 只在 x = -2 和 2 处到达 0 和 1,中间是光滑的 S 形。",
            ),
            bad=(
                "每个向量要排序一次:O(n log n),而 softmax 是 O(n)。",
                "概率为 0 的元素没有梯度,与 sparsemax 相同。",
            ),
            used=("稀疏注意力与序列到序列的输出层(entmax 包)。",),
            mistakes=(
                "entmax15 不直接使用 logit:阈值作用在 x/2 上,所以 entmax15(x) 不是 sparsemax(x) 的平方。",
                "恰为 0 的元素在支撑集之外:其梯度为 0,雅可比矩阵是较小支撑集上的(与 entmax 包和 Keras 的计算相同)。",
            ),
        ),
        "logsumexp": Notes(
            summary="log sum_j e^{x_j},一种光滑最大值:介于 max(x) 与 max(x) + log n 之间。actplot 把这一个数重复放在向量的每个位置上,因此雅可比矩阵的每一行都是梯度 softmax(x)。",
            good=(
                "它的梯度是 softmax:分类器的对数配分函数。",
                "按 max + log1p(其余 e^{x_j - max} 之和) 计算:不溢出,不丢有效数字。",
            ),
            bad=("它是归约而不是激活:每个向量一个数。",),
            used=(
                "对数似然与交叉熵;光滑最大池化;torch.logsumexp、jax.nn.logsumexp、tf.reduce_logsumexp。",
            ),
            mistakes=(
                "只要有一个 logit 大于 709.78,np.log(np.sum(np.exp(x))) 就溢出为 inf;先减去最大值是精确的,不是近似。",
            ),
        ),
        "logmeanexp": Notes(
            summary="log((1/n) sum_j e^{x_j}) = logsumexp(x) - log n:介于 mean(x) 与 max(x) 之间的光滑最大值。actplot 把这一个数重复放在向量的每个位置上,因此雅可比矩阵的每一行都是梯度 softmax(x)。",
            good=("不随长度 n 增长:n 个相等 logit 的 logmeanexp 就是该 logit。",),
            bad=("它是归约而不是激活:每个向量一个数。",),
            used=("重要性加权下界(IWAE)、对数概率的集成;jax.nn.logmeanexp。",),
            mistakes=(
                "按 logsumexp(x) - log(n) 的顺序计算时,结果接近 0 处会丢失有效数字;actplot 把 1/n 放进 log1p 内,因此 [0, 0, 0] 恰好给出 0。",
            ),
        ),
    }
)
