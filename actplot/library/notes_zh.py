"""The notes of the built-in activations in Chinese (what `--lang zh` prints)."""

from ..activation import Notes

NOTES: dict[str, Notes] = {}

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
                "门会饱和：df/db = a sigma'(b) 至多为 a/4，|b| 大时趋于 0。",
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
                "加 1 让值在 1 附近缩放门：a = 0 时门原样通过。",
            ),
            bad=(
                "硬饱和：b > 7 时 df/db = 0，|a| > 7 时 df/da = 0。",
                "不是 LLaMA 的 SwiGLU：alpha = 1.702 与加 1 改变了它的形状。",
            ),
            used=("OpenAI 的 gpt-oss 模型（swiglu_alpha = 1.702，swiglu_limit = 7）。",),
            mistakes=(
                "门是只截上限的那一半（x_glu，偶数位特征），值是两侧截断的那一半"
                "（x_linear，奇数位特征），二者交错排列，不是前后两半。",
                "加 1 是在截断之后加到值上：(clip(a) + 1)，不是 clip(a + 1)。",
            ),
        ),
    }
)
