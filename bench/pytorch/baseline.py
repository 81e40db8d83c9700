"""PyTorch reference throughput for issue #6: the same networks, batch, data and protocol as `./cifar-zoo bench`.

Networks (TF-SAME padding, no conv bias, BN eps 1e-3; parameters incl. BN running statistics, checked below):
  ResNet18  models.md §1 pre-act, stages 2,2,2,2, widths 16..128, Pool2 + Pad0 shortcuts (692 218 parameters)
  ResNet20  the same with stages 3,3,3, widths 16..64 (the pre-act ResNet-20 of the issue's table)
  MobileNetV2  §5 at 96 px, w 1: Up(3) inside the net, stem, 17 inverted residuals, 1280 head, ReLU6 (2 270 794)
  DenseNet52k12  §7 DenseNet-BC, 3 blocks of 8 units PA(1,1,48) -> PA(3,1,12), new channels first, ReLU (272 398)
Every network takes the bench's 32x32 images (MobileNetV2 upsamples them itself, as `--resolution 96` does).
Protocol (training.md §8): plain SGD lr 0.01, softmax cross-entropy, uniform [0,1) images, random labels,
20 warm-up steps, clock from step 10 of up to 150 (30 s cap), inference clock from batch 20 of 200.
fp32, channels_last, torch.jit.trace for inference; threads = --threads.
Prints one CSV line per model: framework,model,batch,threads,train_img_per_s,infer_img_per_s,params.
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def same_pad(x, k, s):
    """TF-SAME: output ceil(in/s), the smaller half of the padding before."""
    h = x.shape[-1]
    out = -(-h // s)
    total = max((out - 1) * s + k - h, 0)
    return F.pad(x, (total // 2, total - total // 2, total // 2, total - total // 2))


class Conv(nn.Module):
    """Conv(k, s, n), or with groups = cin the depthwise DW(k, s)."""
    def __init__(self, cin, cout, k, s, groups=1):
        super().__init__()
        self.k, self.s = k, s
        self.conv = nn.Conv2d(cin, cout, k, s, bias=False, groups=groups)

    def forward(self, x):
        if self.s == 1 and self.k % 2 == 1:
            return F.conv2d(x, self.conv.weight, None, 1, self.k // 2, 1, self.conv.groups)
        return self.conv(same_pad(x, self.k, self.s))


def bn(c):
    return nn.BatchNorm2d(c, eps=1e-3, momentum=0.01)


class PreActBasic(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.bn1, self.conv1 = bn(cin), Conv(cin, cout, 3, stride)
        self.bn2, self.conv2 = bn(cout), Conv(cout, cout, 3, 1)
        self.stride, self.pad = stride, (cout - cin) // 2

    def forward(self, x):
        r = self.conv1(F.relu(self.bn1(x)))
        r = self.conv2(F.relu(self.bn2(r)))
        s = F.avg_pool2d(x, 2) if self.stride == 2 else x
        if self.pad:
            s = F.pad(s, (0, 0, 0, 0, self.pad, self.pad))
        return r + s


class PreActResNet(nn.Module):
    def __init__(self, units):
        super().__init__()
        self.stem = Conv(3, 16, 3, 1)
        blocks, cin = [], 16
        for stage, n in enumerate(units):
            cout = 16 << stage
            for u in range(n):
                blocks.append(PreActBasic(cin, cout, 2 if u == 0 and stage > 0 else 1))
                cin = cout
        self.blocks = nn.Sequential(*blocks)
        self.head_bn, self.fc = bn(cin), nn.Linear(cin, 10)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        x = F.relu(self.head_bn(x))
        return self.fc(x.mean((2, 3)))


class InvertedResidual(nn.Module):
    """[Conv(1,1,E) -> BN -> ReLU6] -> DW(3, s) -> BN -> ReLU6 -> Conv(1,1,O) -> BN, + input if s = 1 and C_in = O."""
    def __init__(self, cin, expanded, cout, stride):
        super().__init__()
        self.expand = nn.Sequential(Conv(cin, expanded, 1, 1), bn(expanded), nn.ReLU6()) if expanded != cin else None
        self.dw, self.dw_bn = Conv(expanded, expanded, 3, stride, groups=expanded), bn(expanded)
        self.project, self.project_bn = Conv(expanded, cout, 1, 1), bn(cout)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        r = self.expand(x) if self.expand is not None else x
        r = F.relu6(self.dw_bn(self.dw(r)))
        r = self.project_bn(self.project(r))
        return r + x if self.residual else r


class MobileNetV2(nn.Module):
    ROWS = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1))

    def __init__(self, resolution):
        super().__init__()
        self.up = resolution // 32
        self.stem, self.stem_bn = Conv(3, 32, 3, 2), bn(32)
        blocks, cin = [], 32
        for t, c, n, s in self.ROWS:
            for i in range(n):
                blocks.append(InvertedResidual(cin, t * cin, c, s if i == 0 else 1))
                cin = c
        self.blocks = nn.Sequential(*blocks)
        self.head, self.head_bn, self.fc = Conv(cin, 1280, 1, 1), bn(1280), nn.Linear(1280, 10)

    def forward(self, x):
        if self.up > 1:
            x = F.interpolate(x, scale_factor=self.up, mode="nearest")
        x = self.blocks(F.relu6(self.stem_bn(self.stem(x))))
        x = F.relu6(self.head_bn(self.head(x)))
        return self.fc(x.mean((2, 3)))


class PreActConv(nn.Sequential):
    """PA(k, 1, n) = BN -> ReLU -> Conv(k, 1, n)."""
    def __init__(self, cin, cout, k):
        super().__init__(bn(cin), nn.ReLU(), Conv(cin, cout, k, 1))


class DenseUnit(nn.Module):
    def __init__(self, cin, k):
        super().__init__()
        self.body = nn.Sequential(PreActConv(cin, 4 * k, 1), PreActConv(4 * k, k, 3))

    def forward(self, x):
        return torch.cat((self.body(x), x), 1)


class DenseNet(nn.Module):
    def __init__(self, units, k):
        super().__init__()
        layers, c = [Conv(3, 2 * k, 3, 1)], 2 * k
        for block in range(3):
            for _ in range(units):
                layers.append(DenseUnit(c, k))
                c += k
            if block < 2:
                layers += [PreActConv(c, c // 2, 1), nn.AvgPool2d(2)]
                c //= 2
        self.features = nn.Sequential(*layers)
        self.head_bn, self.fc = bn(c), nn.Linear(c, 10)

    def forward(self, x):
        x = F.relu(self.head_bn(self.features(x)))
        return self.fc(x.mean((2, 3)))


MODELS = {
    "ResNet18": lambda: PreActResNet((2, 2, 2, 2)),
    "ResNet20": lambda: PreActResNet((3, 3, 3)),
    "MobileNetV2": lambda: MobileNetV2(resolution=96),
    "DenseNet52k12": lambda: DenseNet(units=8, k=12),
}
SEED_PARAMS = {"ResNet18": 692218, "MobileNetV2": 2270794, "DenseNet52k12": 272398}


def keras_params(m):
    buffers = sum(b.numel() for n, b in m.named_buffers() if "num_batches" not in n)
    return sum(p.numel() for p in m.parameters()) + buffers


def measure(name, batch, warmup=20, steps=150, clock=10, cap=30.0, infer_steps=200, infer_clock=20):
    torch.manual_seed(1)
    net = MODELS[name]().to(memory_format=torch.channels_last)
    params = keras_params(net)
    if name in SEED_PARAMS and params != SEED_PARAMS[name]:
        raise SystemExit(f"{name}: {params} parameters, the seed has {SEED_PARAMS[name]}")
    data = [(torch.rand(batch, 3, 32, 32).contiguous(memory_format=torch.channels_last),
             torch.randint(0, 10, (batch,))) for _ in range(4)]
    opt = torch.optim.SGD(net.parameters(), lr=0.01)

    def step(i):
        x, y = data[i % len(data)]
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        return loss

    net.train()
    for i in range(warmup):
        step(i)
    start, last = 0.0, 0
    for i in range(steps):
        if i == clock:
            start = time.perf_counter()
        step(i)
        last = i
        if i > clock and i % 5 == 0 and time.perf_counter() - start > cap:
            break
    train = batch * (last - clock) / (time.perf_counter() - start)

    net.eval()
    with torch.no_grad():
        traced = torch.jit.freeze(torch.jit.trace(net, data[0][0]))
        checksum = 0.0
        for i in range(warmup):
            checksum += float(traced(data[i % len(data)][0])[0, 0])
        for i in range(infer_steps):
            if i == infer_clock:
                start = time.perf_counter()
            checksum += float(traced(data[i % len(data)][0])[0, 0])
        infer = batch * (infer_steps - 1 - infer_clock) / (time.perf_counter() - start)
    return train, infer, params


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default="ResNet18,ResNet20")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    unknown = [n for n in args.models.split(",") if n not in MODELS]
    if unknown:
        ap.error(f"--models: unknown {', '.join(unknown)}; known: {', '.join(MODELS)}")
    torch.set_num_threads(args.threads)
    print("framework,model,batch,threads,train_img_per_s,infer_img_per_s,params")
    for name in args.models.split(","):
        train, infer, params = measure(name, args.batch)
        print(f"pytorch-{torch.__version__},{name},{args.batch},{args.threads},{train:.1f},{infer:.1f},{params}",
              flush=True)


if __name__ == "__main__":
    main()
