using System.Collections.Concurrent;

namespace LoftsDesArts.Infrastructure.Local.Storage;

/// <summary>
/// A fixed number of read connections, opened on first use and kept open. In WAL mode readers never
/// block the writer nor each other, so reads run in parallel up to the pool size; beyond it a caller
/// waits asynchronously for a connection instead of opening yet another one.
/// </summary>
internal sealed class ReaderPool : IDisposable
{
    private readonly ConcurrentBag<StoreConnection> _idle = [];
    private readonly ConcurrentQueue<StoreConnection> _all = new();
    private readonly SemaphoreSlim _slots;
    private readonly Func<StoreConnection> _open;
    private volatile bool _disposed;

    public ReaderPool(int size, Func<StoreConnection> open)
    {
        _slots = new SemaphoreSlim(size, size);
        _open = open;
    }

    public async ValueTask<Lease> RentAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, cancellationToken))
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_idle.TryTake(out var connection))
            {
                connection = _open();
                _all.Enqueue(connection);
            }

            return new Lease(this, connection);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    private void Return(StoreConnection connection)
    {
        if (_disposed)
        {
            return; // Shutting down: Dispose closes every connection.
        }

        _idle.Add(connection);
        _slots.Release();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_all.TryDequeue(out var connection))
        {
            connection.Dispose();
        }

        // The semaphore is not disposed: a late Return or RentAsync must not meet a disposed one.
    }

    public readonly struct Lease(ReaderPool pool, StoreConnection connection) : IDisposable
    {
        public StoreConnection Connection => connection;

        public void Dispose() => pool.Return(connection);
    }
}
