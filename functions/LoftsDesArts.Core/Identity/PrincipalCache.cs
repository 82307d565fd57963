using System.Collections.Concurrent;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

/// <summary>The account, its memberships and the session, as last read from the store.</summary>
public sealed record PrincipalSnapshot(UserAccount Account, IReadOnlyList<Membership> Memberships, SessionDocument Session);

/// <summary>
/// Reads account, memberships and session on a request, keeping them at most
/// <see cref="MaxAge"/>: a role change, a deactivation or a revoked session applies within 5 s on
/// every instance, without a store read on every request (DESIGN §3.7).
/// </summary>
public sealed class PrincipalCache(IDocumentStore store, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private const int SweepThreshold = 20_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<PrincipalSnapshot?> GetAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        var key = userId + "|" + sessionId;
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && now - entry.LoadedAt < MaxAge)
        {
            return entry.Snapshot;
        }

        var accountTask = store.ReadAsync<UserAccount>(Containers.Users, userId, UserAccount.DocumentId, cancellationToken);
        var membershipsTask = store.ReadAsync<UserMemberships>(Containers.Users, userId, UserMemberships.DocumentId, cancellationToken);
        var sessionTask = store.ReadAsync<SessionDocument>(Containers.Users, userId, SessionDocument.IdFor(sessionId), cancellationToken);
        var account = await accountTask.ConfigureAwait(false);
        var memberships = await membershipsTask.ConfigureAwait(false);
        var session = await sessionTask.ConfigureAwait(false);

        PrincipalSnapshot? snapshot = account is null || session is null
            ? null
            : new PrincipalSnapshot(account.Value, memberships?.Value.Items ?? [], session.Value);
        if (_entries.Count > SweepThreshold)
        {
            Sweep(now);
        }

        _entries[key] = new Entry(snapshot, now);
        return snapshot;
    }

    /// <summary>Forgets what this instance knows of a user (after its own writes); others catch up within 5 s.</summary>
    public void Forget(string userId)
    {
        var prefix = userId + "|";
        foreach (var key in _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            _entries.TryRemove(key, out _);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LoadedAt >= MaxAge)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(PrincipalSnapshot? Snapshot, DateTimeOffset LoadedAt);
}
