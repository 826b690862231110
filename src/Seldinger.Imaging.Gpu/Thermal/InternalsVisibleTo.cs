using System.Runtime.CompilerServices;

// The thermal tests compile every kernel layout to PTX and check the split layouts' thread lists.
[assembly: InternalsVisibleTo("Seldinger.Imaging.Gpu.Tests")]
