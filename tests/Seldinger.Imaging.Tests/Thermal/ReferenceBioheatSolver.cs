using Seldinger.Imaging.Thermal;

namespace Seldinger.Imaging.Tests.Thermal;

/// <summary>
/// A deliberately plain scalar implementation of the discretisation written out in docs/ablation-physics.md: triple
/// loops, 3D indices, no row classes, no SIMD, no threads. The engines are checked against it.
/// </summary>
internal static class ReferenceBioheatSolver
{
    public sealed record Output(float[] Final, float[] Peak, float[] Coldest, float[] Omega, float[] Cem43);

    public static Output Run(BioheatProblem problem, IReadOnlyList<BioheatPhase> schedule, BioheatOptions options)
    {
        var plan = BioheatStepPlan.Create(problem, schedule, options);
        var g = problem.Geometry;
        int ni = g.SizeI, nj = g.SizeJ, nk = g.SizeK;
        var count = ni * nj * nk;
        var mats = problem.Materials;
        var tb = (float)problem.BloodTemperatureCelsius;
        var tLow = (float)problem.PhaseChangeLowCelsius;
        var tHigh = (float)problem.PhaseChangeHighCelsius;
        var invRange = (float)(1 / (problem.PhaseChangeHighCelsius - problem.PhaseChangeLowCelsius));
        double[] h = [g.SpacingI * 1e-3, g.SpacingJ * 1e-3, g.SpacingK * 1e-3];
        var hot = (float)options.DamageThresholdCelsius;
        var cold = (float)options.ColdTrackingCelsius;
        var material = problem.MaterialIndex.Voxels;
        var fixedMap = problem.Fixed?.Voxels ?? new byte[count];
        var source = problem.HeatSource?.Voxels ?? new float[count];

        float K(int m, float t) => t >= tHigh ? (float)mats[m].Conductivity
            : t <= tLow ? (float)mats[m].FrozenConductivity
            : (float)mats[m].FrozenConductivity + (((float)mats[m].Conductivity - (float)mats[m].FrozenConductivity) * ((t - tLow) * invRange));

        float InvC(int m, float t)
        {
            var a = mats[m];
            return t >= tHigh ? (float)(1 / (a.Density * a.SpecificHeat))
                : t <= tLow ? (float)(1 / (a.Density * a.FrozenSpecificHeat))
                : (float)(1 / (a.Density * ((0.5 * (a.SpecificHeat + a.FrozenSpecificHeat)) + (a.LatentHeat / (problem.PhaseChangeHighCelsius - problem.PhaseChangeLowCelsius)))));
        }

        float G(int axis, int p, int q)
        {
            double kp = mats[p].Conductivity, kq = mats[q].Conductivity;
            var face = p == q ? kp : 2 * kp * kq / (kp + kq);
            return (float)(face / (h[axis] * h[axis]));
        }

        int Index(int i, int j, int k) => i + (ni * (j + (nj * k)));

        var t = new float[count];
        if (problem.InitialTemperature is { } initial)
        {
            initial.Voxels.CopyTo(t, 0);
        }
        else
        {
            Array.Fill(t, tb);
        }

        for (var n = 0; n < count; n++)
        {
            if (fixedMap[n] == 1)
            {
                t[n] = tb;
            }
            else if (fixedMap[n] == 2 && schedule[0].ProbeTemperatureCelsius is { } p0)
            {
                t[n] = (float)p0;
            }
        }

        var peak = (float[])t.Clone();
        var coldest = (float[])t.Clone();
        var omega = new float[count];
        var cem = new float[count];
        var next = new float[count];
        for (var phase = 0; phase < schedule.Count; phase++)
        {
            var probe = schedule[phase].ProbeTemperatureCelsius;
            if (probe is { } pt)
            {
                for (var n = 0; n < count; n++)
                {
                    if (fixedMap[n] == 2)
                    {
                        t[n] = (float)pt;
                    }
                }
            }

            var dt = (float)plan.PhaseTimeStepSeconds[phase];
            var scale = (float)schedule[phase].SourceScale;
            for (var step = 0; step < plan.StepsPerPhase[phase]; step++)
            {
                for (var k = 0; k < nk; k++)
                {
                    for (var j = 0; j < nj; j++)
                    {
                        for (var i = 0; i < ni; i++)
                        {
                            var n = Index(i, j, k);
                            var m = material[n];
                            var tn = t[n];
                            float result;
                            if (fixedMap[n] == 1)
                            {
                                result = tb;
                            }
                            else if (fixedMap[n] == 2)
                            {
                                result = probe is { } held ? (float)held : tn;
                            }
                            else
                            {
                                var unfrozen = tn >= tHigh;
                                Span<int> neighbours =
                                [
                                    i > 0 ? Index(i - 1, j, k) : n, i < ni - 1 ? Index(i + 1, j, k) : n,
                                    j > 0 ? Index(i, j - 1, k) : n, j < nj - 1 ? Index(i, j + 1, k) : n,
                                    k > 0 ? Index(i, j, k - 1) : n, k < nk - 1 ? Index(i, j, k + 1) : n,
                                ];
                                var sum = 0f;
                                for (var f = 0; f < 6; f++)
                                {
                                    var nb = neighbours[f];
                                    var axis = f / 2;
                                    float term;
                                    if (probe is null && fixedMap[nb] == 2)
                                    {
                                        term = 0f;
                                    }
                                    else
                                    {
                                        float conductance;
                                        if (unfrozen && t[nb] >= tHigh)
                                        {
                                            conductance = G(axis, m, material[nb]);
                                        }
                                        else
                                        {
                                            float ka = K(m, tn), kb = K(material[nb], t[nb]);
                                            conductance = 2f * ka * kb / (ka + kb) * (float)(1 / (h[axis] * h[axis]));
                                        }

                                        term = conductance * (t[nb] - tn);
                                    }

                                    sum += term;
                                }

                                var perfusion = unfrozen ? ((float)(problem.BloodVolumetricHeatCapacity * mats[m].Perfusion) * (omega[n] > 0 ? MathF.Exp(-omega[n]) : 1f)) * (tb - tn) : 0f;
                                var q = tn < (float)problem.SourceCutoffCelsius ? source[n] * scale : 0f;
                                result = tn + (dt * InvC(m, tn) * (sum + perfusion + q));
                            }

                            next[n] = result;
                            if (result >= hot)
                            {
                                var rate = MathF.Exp((float)Math.Log(mats[m].ArrheniusFrequencyFactor) - ((float)(mats[m].ArrheniusActivationEnergy / 8.314462618f) / (result + 273.15f)));
                                omega[n] = MathF.Min(omega[n] + (dt * rate), 1e30f);
                                var equivalent = MathF.Exp((43f - result) * (result >= 43f ? (float)Math.Log(0.5) : (float)Math.Log(0.25)));
                                cem[n] = MathF.Min(cem[n] + (dt / 60f * equivalent), 1e30f);
                                peak[n] = MathF.Max(peak[n], result);
                            }

                            if (result <= cold)
                            {
                                coldest[n] = MathF.Min(coldest[n], result);
                            }
                        }
                    }
                }

                (t, next) = (next, t);
            }
        }

        for (var n = 0; n < count; n++)
        {
            peak[n] = MathF.Max(peak[n], t[n]);
            coldest[n] = MathF.Min(coldest[n], t[n]);
        }

        return new Output(t, peak, coldest, omega, cem);
    }
}
