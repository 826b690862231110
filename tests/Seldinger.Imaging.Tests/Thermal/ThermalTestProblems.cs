using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Thermal;

namespace Seldinger.Imaging.Tests.Thermal;

/// <summary>Materials and random problems shared by the thermal tests.</summary>
internal static class ThermalTestProblems
{
    /// <summary>ρ_b c_b of blood used by the tests (1050 kg/m³ × 3617 J/kg/K).</summary>
    public const double BloodCapacity = 1050 * 3617.0;

    /// <summary>A liver-like material: k 0.52, ρ 1079, c 3540, Arrhenius A 7.39e39 1/s, Ea 2.577e5 J/mol.</summary>
    public static BioheatMaterial Liver(double perfusion) => new("liver", 0.52, 1079, 3540, perfusion, 7.39e39, 2.577e5, 2.0, 1800, 250_000);

    /// <summary>
    /// A random problem; <paramref name="minSizeI"/> sets the shortest row (longer rows hold stretches of one material),
    /// <paramref name="sizeK"/> the number of planes (random 4–12 when null).
    /// </summary>
    public static BioheatProblem Random(Random random, bool cryo, int minSizeI = 9, int? sizeK = null)
    {
        var ni = minSizeI + random.Next(30);
        var nj = 4 + random.Next(9);
        var nk = sizeK ?? 4 + random.Next(9);
        var geometry = new VolumeGeometry(ni, nj, nk, new WorldPoint(0, 0, 0), 0.6 + random.NextDouble(), 0.6 + random.NextDouble(), 0.6 + random.NextDouble());
        var materialCount = 2 + random.Next(3);
        var materials = Enumerable.Range(0, materialCount).Select(m => new BioheatMaterial(
            $"m{m}",
            0.2 + random.NextDouble(),
            900 + (300 * random.NextDouble()),
            2500 + (1500 * random.NextDouble()),
            random.NextDouble() < 0.3 ? 0 : 0.02 * random.NextDouble(),
            Math.Exp(80 + (20 * random.NextDouble())),
            2.3e5 + (0.5e5 * random.NextDouble()),
            1.5 + random.NextDouble(),
            1500 + (500 * random.NextDouble()),
            200_000 + (100_000 * random.NextDouble()))).ToArray();

        // Blocks of materials, so that some rows are one material (the SIMD path) and some are mixed.
        var index = new Volume<byte>(geometry);
        for (var block = 0; block < 4; block++)
        {
            var m = (byte)random.Next(materialCount);
            int i0 = random.Next(ni), j0 = random.Next(nj), k0 = random.Next(nk);
            int i1 = i0 + random.Next(ni), j1 = j0 + random.Next(nj), k1 = k0 + random.Next(nk);
            for (var k = k0; k < Math.Min(k1, nk); k++)
            {
                for (var j = j0; j < Math.Min(j1, nj); j++)
                {
                    for (var i = i0; i < Math.Min(i1, ni); i++)
                    {
                        index[i, j, k] = m;
                    }
                }
            }
        }

        var initial = new Volume<float>(geometry);
        for (var n = 0; n < initial.Voxels.Length; n++)
        {
            initial.Voxels[n] = 36.5f + random.NextSingle();
        }

        var fixedVoxels = new Volume<byte>(geometry);
        var source = new Volume<float>(geometry);
        int ci = random.Next(ni), cj = random.Next(nj), ck = random.Next(nk);
        for (var k = 0; k < nk; k++)
        {
            for (var j = 0; j < nj; j++)
            {
                for (var i = 0; i < ni; i++)
                {
                    var d2 = ((i - ci) * (i - ci)) + ((j - cj) * (j - cj)) + ((k - ck) * (k - ck));
                    if (cryo && d2 <= 1)
                    {
                        fixedVoxels[i, j, k] = (byte)BioheatFixedKind.Probe;
                    }
                    else if (!cryo && d2 <= 4)
                    {
                        source[i, j, k] = (float)(4e6 * (0.5 + random.NextDouble()) / (1 + d2));
                    }
                    else if (random.NextDouble() < 0.01)
                    {
                        fixedVoxels[i, j, k] = (byte)BioheatFixedKind.Blood;
                    }
                }
            }
        }

        return new BioheatProblem(index, materials, 37, BloodCapacity)
        {
            InitialTemperature = initial,
            HeatSource = cryo ? null : source,
            SourceCutoffCelsius = 60 + (40 * random.NextDouble()),
            Fixed = fixedVoxels,
        };
    }
}
