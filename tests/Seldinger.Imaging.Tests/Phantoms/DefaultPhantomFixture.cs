using Seldinger.Imaging.Phantoms;

namespace Seldinger.Imaging.Tests.Phantoms;

/// <summary>The default phantom, generated once for the test class.</summary>
public sealed class DefaultPhantomFixture
{
    public PhantomCase Case { get; } = AbdomenPhantom.Generate(new AbdomenPhantomOptions());
}
