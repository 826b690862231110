using System.Runtime.CompilerServices;

// ILGPU's CPU accelerator emits a dynamic assembly that calls the internal kernels and reads the
// internal kernel-parameter struct.
[assembly: InternalsVisibleTo("ILGPURuntime")]
