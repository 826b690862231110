using Seldinger.Imaging.Thermal;

namespace Seldinger.Imaging.Gpu.Thermal.Internal;

/// <summary>
/// The per-material float coefficients of the documented discretisation (docs/ablation-physics.md), computed in double
/// and rounded to float exactly as the CPU engine does, packed in one array for the device. Layout, for M materials:
/// eight rows of M values (<see cref="InverseCapacity"/> … <see cref="ActivationTemperature"/>), then per axis i, j, k
/// the M×M face-conductance table (unfrozen harmonic mean / h²) at [pair + axis·M² + p·M + q].
/// </summary>
internal static class BioheatTable
{
    public const int InverseCapacity = 0;
    public const int InverseFrozenCapacity = 1;
    public const int InverseMushyCapacity = 2;
    public const int Conductivity = 3;
    public const int FrozenConductivity = 4;
    public const int PerfusionRate = 5;
    public const int LogFrequencyFactor = 6;
    public const int ActivationTemperature = 7;
    public const int Rows = 8;

    /// <summary>The gas constant as the CPU engine holds it (a float, widened to double for the division).</summary>
    private const float GasConstant = 8.314462618f;

    /// <summary>Offset of the face tables: <see cref="Rows"/>·M.</summary>
    public static int FaceOffset(int count) => Rows * count;

    public static float[] Build(BioheatProblem problem)
    {
        var materials = problem.Materials;
        var count = materials.Count;
        var table = new float[(Rows * count) + (3 * count * count)];
        var g = problem.Geometry;
        double[] h = [g.SpacingI * 1e-3, g.SpacingJ * 1e-3, g.SpacingK * 1e-3];
        var range = problem.PhaseChangeHighCelsius - problem.PhaseChangeLowCelsius;
        for (var m = 0; m < count; m++)
        {
            var a = materials[m];
            table[(InverseCapacity * count) + m] = (float)(1 / (a.Density * a.SpecificHeat));
            table[(InverseFrozenCapacity * count) + m] = (float)(1 / (a.Density * a.FrozenSpecificHeat));
            table[(InverseMushyCapacity * count) + m] = (float)(1 / (a.Density * ((0.5 * (a.SpecificHeat + a.FrozenSpecificHeat)) + (a.LatentHeat / range))));
            table[(Conductivity * count) + m] = (float)a.Conductivity;
            table[(FrozenConductivity * count) + m] = (float)a.FrozenConductivity;
            table[(PerfusionRate * count) + m] = (float)(problem.BloodVolumetricHeatCapacity * a.Perfusion);
            table[(LogFrequencyFactor * count) + m] = (float)Math.Log(a.ArrheniusFrequencyFactor);
            table[(ActivationTemperature * count) + m] = (float)(a.ArrheniusActivationEnergy / GasConstant);
        }

        var faces = FaceOffset(count);
        for (var axis = 0; axis < 3; axis++)
        {
            for (var p = 0; p < count; p++)
            {
                for (var q = 0; q < count; q++)
                {
                    double kp = materials[p].Conductivity, kq = materials[q].Conductivity;
                    var face = p == q ? kp : 2 * kp * kq / (kp + kq);
                    table[faces + (axis * count * count) + (p * count) + q] = (float)(face / (h[axis] * h[axis]));
                }
            }
        }

        return table;
    }
}
