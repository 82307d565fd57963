using System.Security.Cryptography;
using System.Text;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Throttling;

/// <summary>A shared counter document in <see cref="Containers.Lookups"/>, expiring with its window.</summary>
public sealed record CounterDocument : Document
{
    public const string DocumentType = "counter";

    public override string Type => DocumentType;

    public required long Count { get; init; }

    /// <summary>When the counter was first incremented (for progressive delays: the last failure).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// Counters shared by every instance (they live in the store, not in memory). Keys are hashed:
/// client addresses and emails are personal information and the counters need only equality.
/// </summary>
public sealed class CounterStore(IDocumentStore store, TimeProvider clock)
{
    private const int MaxAttempts = 8;

    public static string Key(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return "ctr:" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public async Task<long> GetAsync(string key, CancellationToken cancellationToken)
    {
        var current = await store.ReadAsync<CounterDocument>(Containers.Lookups, key, key, cancellationToken).ConfigureAwait(false);
        return current?.Value.Count ?? 0;
    }

    public async Task<CounterDocument?> ReadAsync(string key, CancellationToken cancellationToken) =>
        (await store.ReadAsync<CounterDocument>(Containers.Lookups, key, key, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>Adds one and returns the new count; the document expires <paramref name="ttl"/> after this write.</summary>
    public async Task<long> IncrementAsync(string key, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var ttlSeconds = (int)Math.Ceiling(ttl.TotalSeconds);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var current = await store.ReadAsync<CounterDocument>(Containers.Lookups, key, key, cancellationToken).ConfigureAwait(false);
            try
            {
                if (current is null)
                {
                    await store.CreateAsync(Containers.Lookups, key, key, new CounterDocument { Id = key, Count = 1, UpdatedAt = now, Ttl = ttlSeconds }, cancellationToken).ConfigureAwait(false);
                    return 1;
                }

                var next = current.Value with { Count = current.Value.Count + 1, UpdatedAt = now, Ttl = ttlSeconds };
                await store.ReplaceAsync(Containers.Lookups, key, key, next, current.ETag, cancellationToken).ConfigureAwait(false);
                return next.Count;
            }
            catch (StoreException ex) when (ex.Failure is StoreFailure.Conflict or StoreFailure.PreconditionFailed or StoreFailure.NotFound)
            {
                // Another instance moved the counter first: read again.
            }
        }

        throw new StoreException(StoreFailure.PreconditionFailed, $"Counter {key} is too contended.");
    }

    public async Task ResetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(Containers.Lookups, key, key, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Failure == StoreFailure.NotFound)
        {
            // Nothing counted: nothing to reset.
        }
    }
}
