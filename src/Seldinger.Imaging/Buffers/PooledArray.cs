namespace Seldinger.Imaging.Buffers;

/// <summary>
/// An array of <see cref="Length"/> elements rented from a <see cref="BufferPool"/> and given back on
/// <see cref="Dispose"/>; the backing array may be longer.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class PooledArray<T> : IDisposable
{
    private readonly BufferPool _pool;
    private T[]? _array;

    /// <summary>Rents <paramref name="length"/> elements from <see cref="BufferPool.Current"/>.</summary>
    /// <param name="length">Elements needed (≥ 0).</param>
    /// <param name="clear">Whether the elements must start at zero.</param>
    public PooledArray(int length, bool clear = false)
    {
        _pool = BufferPool.Current;
        _array = _pool.Rent<T>(length, clear);
        Length = length;
    }

    /// <summary>Number of usable elements.</summary>
    public int Length { get; }

    /// <summary>The backing array (at least <see cref="Length"/> long).</summary>
    /// <exception cref="ObjectDisposedException">The array was given back.</exception>
    public T[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledArray<T>));

    /// <summary>The first <see cref="Length"/> elements.</summary>
    public Span<T> Span => Array.AsSpan(0, Length);

    /// <summary>Gives the array back to the pool it came from (once).</summary>
    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            _pool.Return(array);
        }
    }
}
