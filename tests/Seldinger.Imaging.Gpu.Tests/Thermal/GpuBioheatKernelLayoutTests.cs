using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Gpu.Thermal;
using Seldinger.Imaging.Gpu.Thermal.Internal;
using Seldinger.Imaging.Thermal;
using Xunit.Abstractions;

namespace Seldinger.Imaging.Gpu.Tests.Thermal;

/// <summary>
/// The kernel layouts beyond their results (which <see cref="GpuBioheatEngineTests"/> compares with the CPU engine): the
/// split layouts' thread lists cover every chunk exactly once, checked against a brute-force reading of the problem,
/// and every kernel compiles to PTX for sm_90 (no GPU needed), the lean ones without reading any byte volume.
/// </summary>
public sealed class GpuBioheatKernelLayoutTests : IDisposable
{
    private readonly Context _context = Context.Create(builder => builder.CPU());
    private readonly Accelerator _accelerator;
    private readonly ITestOutputHelper _output;

    public GpuBioheatKernelLayoutTests(ITestOutputHelper output)
    {
        _output = output;
        _accelerator = _context.CreateCPUAccelerator(0);
    }

    public void Dispose()
    {
        _accelerator.Dispose();
        _context.Dispose();
    }

    /// <summary>Two material slabs, a few blood voxels, a small source and a warm blob in plain tissue, so that plain chunks exist and some turn hot.</summary>
    private static BioheatProblem ListProblem()
    {
        var g = new VolumeGeometry(12, 10, 14, WorldPoint.Origin, 1, 1.3, 1.7);
        var random = new Random(12);
        var material = new Volume<byte>(g);
        var fixedKind = new Volume<byte>(g);
        var source = new Volume<float>(g);
        var initial = new Volume<float>(g);
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    var n = g.LinearIndex(i, j, k);
                    material.Voxels[n] = (byte)(k < 4 ? 1 : 0);
                    fixedKind.Voxels[n] = random.NextDouble() < 0.004 ? (byte)BioheatFixedKind.Blood : (byte)0;
                    var d2 = ((i - 3) * (i - 3)) + ((j - 3) * (j - 3)) + ((k - 9) * (k - 9));
                    source.Voxels[n] = d2 <= 1 ? 4e7f : 0f;
                    var w2 = ((i - 9) * (i - 9)) + ((j - 7) * (j - 7)) + ((k - 8) * (k - 8));
                    initial.Voxels[n] = w2 <= 4 ? 47f : 37f;
                }
            }
        }

        var tissue = new BioheatMaterial("tissue", 0.52, 1079, 3540, 0.0064, 7.39e39, 2.577e5, 2.0, 1800, 250_000);
        var fat = new BioheatMaterial("fat", 0.21, 911, 2348, 0.0005, 7.39e39, 2.577e5, 0.4, 1200, 180_000);
        return new BioheatProblem(material, [tissue, fat], 37, 1050 * 3617.0) { HeatSource = source, Fixed = fixedKind, InitialTemperature = initial };
    }

    /// <summary>Whether chunk (i, j, k0 … k1−1) may take the lean path, from the voxels its update reads: one material and no fixed voxel in its stencil, no source in it.</summary>
    private static bool TrulyPlain(BioheatProblem problem, int i, int j, int k0, int k1)
    {
        var g = problem.Geometry;
        var m = problem.MaterialIndex[i, j, k0];
        bool Clean(int a, int b, int k) => problem.MaterialIndex[a, b, k] == m && problem.Fixed![a, b, k] == 0;
        for (var k = Math.Max(0, k0 - 1); k <= Math.Min(g.SizeK - 1, k1); k++)
        {
            if (!Clean(i, j, k))
            {
                return false;
            }
        }

        for (var k = k0; k < k1; k++)
        {
            if (problem.HeatSource![i, j, k] != 0
                || (i > 0 && !Clean(i - 1, j, k)) || (i < g.SizeI - 1 && !Clean(i + 1, j, k))
                || (j > 0 && !Clean(i, j - 1, k)) || (j < g.SizeJ - 1 && !Clean(i, j + 1, k)))
            {
                return false;
            }
        }

        return true;
    }

    [Theory]
    [InlineData(GpuBioheatKernelLayout.SplitList, 0)]
    [InlineData(GpuBioheatKernelLayout.SplitList, 3)]
    [InlineData(GpuBioheatKernelLayout.SplitGrid, 1)]
    [InlineData(GpuBioheatKernelLayout.SplitGridPairs, 4)]
    [InlineData(GpuBioheatKernelLayout.SplitGridPairs, 5)]
    [InlineData(GpuBioheatKernelLayout.SplitGridQuads, 7)]
    [InlineData(GpuBioheatKernelLayout.SplitGridVector4, 3)]
    [InlineData(GpuBioheatKernelLayout.SplitGridVector4, 0)]
    public void SplitLists_CoverEveryChunkOnce_PlainOnlyWhereTrulyPlain(GpuBioheatKernelLayout layout, int chunkLength)
    {
        var problem = ListProblem();
        var g = problem.Geometry;
        using var engine = new GpuBioheatEngine(_accelerator, chunkLength, layout);
        using var run = engine.Upload(problem, [new(12, 1, null)]);
        var start = run.DownloadThreadLists()!.Value;
        run.Advance(run.Plan.TotalSteps);
        var (plain, general, flags) = run.DownloadThreadLists()!.Value;
        var omega = run.Download().Damage;
        var length = run.ChunkLength;
        var chunks = (g.SizeK + length - 1) / length;
        var threads = g.SizeI * g.SizeJ * chunks;

        Assert.Equal(threads, flags.Length);
        Assert.Equal(start.Plain, plain);
        Assert.Equal(plain.Order().Distinct(), plain);
        Assert.Equal(general.Length, general.Distinct().Count());
        Assert.Equal(start.General, general.Take(start.General.Length));
        var inPlain = new HashSet<int>(plain);
        var inGeneral = new HashSet<int>(general);
        int moved = 0, plainHot = 0;
        for (var c = 0; c < chunks; c++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    var t = i + (g.SizeI * (j + (g.SizeJ * c)));
                    int k0 = c * length, k1 = Math.Min(g.SizeK, k0 + length);
                    var hot = (flags[t] & BioheatKernels.Hot) != 0;
                    var damaged = Enumerable.Range(k0, k1 - k0).Any(k => omega[i, j, k] > 0);
                    // Four-wide lean threads mark their whole group hot; otherwise Hot means exactly "Ω > 0 somewhere in the chunk"
                    // (in the general kernel always).
                    Assert.True(damaged ? hot : !hot || layout == GpuBioheatKernelLayout.SplitGridVector4, $"chunk {t}: Hot flag {hot}, Ω > 0 {damaged}");
                    if (layout == GpuBioheatKernelLayout.SplitGridVector4)
                    {
                        var group = t - (t % 4);
                        Assert.Equal(inPlain.Contains(group), inPlain.Contains(t));
                        Assert.True(!inPlain.Contains(t) || ((flags[group] & BioheatKernels.Hot) != 0) == hot, $"chunk {t}: its lean group is not hot as one");
                    }


                    // Exactly one kernel owns each chunk: the lean one while it is listed plain and not hot, else the general one.
                    var lean = inPlain.Contains(t) && !hot;
                    Assert.True(lean != inGeneral.Contains(t), $"chunk {t}: lean {lean}, general {inGeneral.Contains(t)}");
                    Assert.True(!inPlain.Contains(t) || TrulyPlain(problem, i, j, k0, k1), $"chunk {t} is listed plain but is not");
                    moved += inPlain.Contains(t) && hot ? 1 : 0;
                    plainHot += TrulyPlain(problem, i, j, k0, k1) && inPlain.Contains(t) ? 1 : 0;
                }
            }
        }

        _output.WriteLine($"{layout}, chunk {length}: {threads} chunks, {plain.Length} plain at the start, {start.General.Length} general, {moved} moved to the general list");
        Assert.True(plain.Length > threads / 3, "too few plain chunks for the check");
        Assert.True(start.General.Length > 0, "no general chunk at the start");
        Assert.True(moved > 0, "no plain chunk turned hot");
        Assert.Equal(start.General.Length + moved, general.Length);
    }

    [Fact]
    public void ColumnMarch_HasNoThreadLists()
    {
        using var engine = new GpuBioheatEngine(_accelerator);
        using var run = engine.Upload(ListProblem(), [new(1, 1, null)]);
        Assert.Null(run.DownloadThreadLists());
    }

    /// <summary>Every kernel of every layout compiles to PTX for sm_90 with ILGPU's CUDA backend (no device needed).</summary>
    [Theory]
    [InlineData(nameof(BioheatKernels.Step), true)]
    [InlineData(nameof(BioheatKernels.StepListed), true)]
    [InlineData(nameof(BioheatKernels.LeanStepListed), false)]
    [InlineData(nameof(BioheatKernels.LeanStepGrid), false)]
    [InlineData(nameof(BioheatKernels.LeanStepGridPairs), false)]
    [InlineData(nameof(BioheatKernels.LeanStepGridQuads), false)]
    [InlineData(nameof(BioheatKernels.LeanStepGridVector4), false)]
    [InlineData(nameof(BioheatKernels.HoldProbe), true)]
    public void Kernel_CompilesToPtxForSm90(string kernel, bool readsBytes)
    {
        var ptx = Ptx(kernel);

        // To read the PTX (e.g. for vector loads or the register declarations): set SELDINGER_PTX_DIR.
        if (Environment.GetEnvironmentVariable("SELDINGER_PTX_DIR") is { Length: > 0 } directory)
        {
            File.WriteAllText(Path.Combine(directory, kernel + ".ptx"), ptx);
        }

        // ILGPU 1.5.3 writes `.target sm_80` for the SM_90 architecture (no sm_90-only features used); the driver JIT-compiles it for the card.
        var target = Regex.Match(ptx, @"\.target sm_(\d+)");
        Assert.True(target.Success, "no .target line");
        Assert.InRange(int.Parse(target.Groups[1].Value, CultureInfo.InvariantCulture), 70, 90);
        Assert.Contains(".entry", ptx, StringComparison.Ordinal);

        // The lean kernels read no material or fixed-kind byte; the general ones do (so the check can fail).
        Assert.Equal(readsBytes, ptx.Contains(".u8", StringComparison.Ordinal));

        // Only the four-wide lean kernel reads and writes T as 16-byte vectors.
        var vector = kernel == nameof(BioheatKernels.LeanStepGridVector4);
        Assert.Equal(vector, ptx.Contains("ld.v4.f32", StringComparison.Ordinal));
        Assert.Equal(vector, ptx.Contains("st.v4.f32", StringComparison.Ordinal));
        _output.WriteLine($"{kernel}: {ptx.Length} characters of PTX, {Count(ptx, "\tld.")} loads, {Count(ptx, "ex2.approx")} ex2");
    }

    /// <summary>The PTX of one kernel as ILGPU's CUDA backend emits it for sm_90 (the context's default settings, as the CUDA accelerator uses them).</summary>
    internal static string Ptx(string kernel)
    {
        using var context = Context.Create(builder => builder.CPU());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null);
        var method = typeof(BioheatKernels).GetMethod(kernel, BindingFlags.Public | BindingFlags.Static)!;
        var entry = EntryPointDescription.FromImplicitlyGroupedKernel(method);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
        return compiled.PTXAssembly;
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
