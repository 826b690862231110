using System.Numerics;
using Seldinger.Imaging.Meshes.Internal;

namespace Seldinger.Imaging.Meshes;

/// <summary>
/// Smoothing that moves vertices and keeps the connectivity, so a closed manifold mesh stays closed and manifold.
/// </summary>
public static class MeshSmoothing
{
    /// <summary>
    /// Plain Laplacian (umbrella) smoothing: each step moves every vertex a fraction <paramref name="lambda"/> towards the
    /// mean of its neighbours. It shrinks the mesh; prefer <see cref="Taubin"/> for surfaces whose size matters.
    /// </summary>
    /// <param name="mesh">The mesh to smooth (not changed).</param>
    /// <param name="iterations">Number of steps.</param>
    /// <param name="lambda">Step size, in (0, 1].</param>
    public static TriangleMesh Laplacian(TriangleMesh mesh, int iterations, double lambda = 0.5)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        CheckFactor(lambda, nameof(lambda));
        return Run(mesh, iterations, [lambda]);
    }

    /// <summary>
    /// Taubin λ|μ smoothing: alternate a shrinking step <paramref name="lambda"/> and an inflating step <paramref name="mu"/>
    /// (negative, slightly larger in magnitude), a low-pass filter that removes voxel steps without shrinking the surface.
    /// </summary>
    /// <param name="mesh">The mesh to smooth (not changed).</param>
    /// <param name="iterations">Number of λ|μ pairs.</param>
    /// <param name="lambda">The positive step, in (0, 1].</param>
    /// <param name="mu">The negative step, with |μ| &gt; λ.</param>
    public static TriangleMesh Taubin(TriangleMesh mesh, int iterations = 20, double lambda = 0.5, double mu = -0.53)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        CheckFactor(lambda, nameof(lambda));
        if (!double.IsFinite(mu) || mu >= 0 || -mu < lambda)
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "Taubin's μ must be negative with a magnitude at least λ, or the filter shrinks the surface.");
        }

        return Run(mesh, iterations, [lambda, mu]);
    }

    private static void CheckFactor(double lambda, string name)
    {
        if (!double.IsFinite(lambda) || lambda <= 0 || lambda > 1)
        {
            throw new ArgumentOutOfRangeException(name, lambda, "The smoothing step must lie in (0, 1].");
        }
    }

    private static TriangleMesh Run(TriangleMesh mesh, int iterations, double[] factors)
    {
        var adjacency = VertexAdjacency.Build(mesh.VertexCount, mesh.Indices);
        var current = (Vector3[])mesh.Positions.Clone();
        var next = new Vector3[current.Length];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            foreach (var factor in factors)
            {
                var source = current;
                var target = next;
                var f = (float)factor;
                Parallel.For(0, source.Length, v =>
                {
                    var neighbours = adjacency.Of(v);
                    if (neighbours.IsEmpty)
                    {
                        target[v] = source[v];
                        return;
                    }

                    var sum = Vector3.Zero;
                    foreach (var n in neighbours)
                    {
                        sum += source[n];
                    }

                    target[v] = source[v] + (f * ((sum / neighbours.Length) - source[v]));
                });
                (current, next) = (next, current);
            }
        }

        return new TriangleMesh(current, (int[])mesh.Indices.Clone());
    }
}
