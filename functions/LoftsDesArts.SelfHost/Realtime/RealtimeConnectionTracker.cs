using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Infrastructure.Local.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace LoftsDesArts.SelfHost.Realtime;

/// <summary>
/// The live connections of each user, so that group changes reach connections that are already open
/// and a user's connections can be closed. It also remembers, for as long as a token can live, when a
/// user was removed from a group or had their connections closed: a token issued before that moment
/// cannot bring the group (or the connection) back. One gate orders connects against changes, so a
/// connection opening during a removal cannot slip into the group after it.
/// </summary>
public sealed class RealtimeConnectionTracker(TimeProvider clock) : IDisposable
{
    /// <summary>How long a revocation is remembered: a token's life plus the validation skew.</summary>
    private static readonly TimeSpan RevocationMemory = RealtimeProtocol.MaxTokenLifetime + RealtimeTokenService.ClockSkew + TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Dictionary<string, HubCallerContext>> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<(string UserId, string Group), DateTimeOffset> _groupRevocations = [];
    private readonly Dictionary<string, DateTimeOffset> _userRevocations = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the user's connections were closed at or after the token was issued. Token issue times
    /// have millisecond precision; a token issued in the same millisecond as a revocation counts as older.
    /// </summary>
    public bool IsRevoked(RealtimeTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        lock (_userRevocations)
        {
            return _userRevocations.TryGetValue(ticket.UserId, out var at) && ticket.IssuedAt <= at;
        }
    }

    /// <summary>Registers a new connection and joins its groups; <c>false</c> when the token was revoked.</summary>
    public async Task<bool> ConnectAsync(RealtimeTicket ticket, HubCallerContext context, Func<string, Task> joinGroup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(joinGroup);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsRevoked(ticket))
            {
                return false;
            }

            if (!_connections.TryGetValue(ticket.UserId, out var connections))
            {
                connections = new Dictionary<string, HubCallerContext>(StringComparer.Ordinal);
                _connections[ticket.UserId] = connections;
            }

            connections[context.ConnectionId] = context;
            foreach (var group in ticket.Groups)
            {
                if (_groupRevocations.TryGetValue((ticket.UserId, group), out var removedAt) && ticket.IssuedAt <= removedAt)
                {
                    continue;
                }

                await joinGroup(group).ConfigureAwait(false);
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DisconnectAsync(string userId, string connectionId)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_connections.TryGetValue(userId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _connections.Remove(userId);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task AddToGroupAsync(string userId, string group, Func<string, Task> add, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(add);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _groupRevocations.Remove((userId, group));
            foreach (var connectionId in ConnectionIdsOf(userId))
            {
                await add(connectionId).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RemoveFromGroupAsync(string userId, string group, Func<string, Task> remove, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remove);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            Prune(now);
            _groupRevocations[(userId, group)] = now;
            foreach (var connectionId in ConnectionIdsOf(userId))
            {
                await remove(connectionId).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Aborts every open connection of the user and refuses tokens issued before now.</summary>
    public async Task CloseAsync(string userId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            Prune(now);
            lock (_userRevocations)
            {
                _userRevocations[userId] = now;
            }

            if (_connections.TryGetValue(userId, out var connections))
            {
                foreach (var context in connections.Values)
                {
                    context.Abort();
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private List<string> ConnectionIdsOf(string userId) =>
        _connections.TryGetValue(userId, out var connections) ? [.. connections.Keys] : [];

    private void Prune(DateTimeOffset now)
    {
        var horizon = now - RevocationMemory;
        foreach (var key in _groupRevocations.Where(e => e.Value < horizon).Select(e => e.Key).ToList())
        {
            _groupRevocations.Remove(key);
        }

        lock (_userRevocations)
        {
            foreach (var key in _userRevocations.Where(e => e.Value < horizon).Select(e => e.Key).ToList())
            {
                _userRevocations.Remove(key);
            }
        }
    }
}
