using System.Buffers;

namespace Seldinger.Imaging.Buffers;

/// <summary>
/// Where the imaging filters take their large temporary arrays from. The default,
/// <see cref="Shared"/>, is <see cref="ArrayPool{T}.Shared"/>; <see cref="Use"/> replaces it for the
/// current asynchronous flow (and the parallel loops it starts), so a caller can count or cap rentals.
/// </summary>
/// <remarks>
/// Every array rented from <see cref="Current"/> by a filter is returned to the same pool before the
/// filter returns, also when it throws. Arrays may be longer than asked for and hold stale data unless
/// <c>clear</c> is requested.
/// </remarks>
public abstract class BufferPool
{
    private static readonly AsyncLocal<BufferPool?> Override = new();

    /// <summary>The process-wide pool over <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static BufferPool Shared { get; } = new SharedArrayBufferPool();

    /// <summary>The pool in effect here: the one set by the innermost <see cref="Use"/>, else <see cref="Shared"/>.</summary>
    public static BufferPool Current => Override.Value ?? Shared;

    /// <summary>Makes <paramref name="pool"/> the <see cref="Current"/> pool until the returned scope is disposed.</summary>
    public static IDisposable Use(BufferPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var scope = new Scope(Override.Value);
        Override.Value = pool;
        return scope;
    }

    /// <summary>An array of at least <paramref name="minimumLength"/> elements.</summary>
    /// <param name="minimumLength">Elements needed (≥ 0).</param>
    /// <param name="clear">Whether the first <paramref name="minimumLength"/> elements must be zero.</param>
    public T[] Rent<T>(int minimumLength, bool clear = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        var array = RentCore<T>(minimumLength);
        if (clear)
        {
            Array.Clear(array, 0, minimumLength);
        }

        return array;
    }

    /// <summary>Gives back an array rented from this pool; it must not be used afterwards.</summary>
    public void Return<T>(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        ReturnCore(array);
    }

    /// <summary>Hands out an array of at least <paramref name="minimumLength"/> elements.</summary>
    protected abstract T[] RentCore<T>(int minimumLength);

    /// <summary>Takes back an array that <see cref="RentCore{T}"/> handed out.</summary>
    protected abstract void ReturnCore<T>(T[] array);

    private sealed class SharedArrayBufferPool : BufferPool
    {
        protected override T[] RentCore<T>(int minimumLength) => ArrayPool<T>.Shared.Rent(minimumLength);

        protected override void ReturnCore<T>(T[] array) => ArrayPool<T>.Shared.Return(array);
    }

    private sealed class Scope(BufferPool? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Override.Value = previous;
            }
        }
    }
}
