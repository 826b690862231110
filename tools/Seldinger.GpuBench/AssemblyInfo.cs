using System.Runtime.CompilerServices;

// ILGPU's CPU accelerator (the harness check) calls the internal copy kernel from a dynamic assembly.
[assembly: InternalsVisibleTo("ILGPURuntime")]
