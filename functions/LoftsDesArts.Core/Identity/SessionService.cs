using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

/// <summary>What the HTTP layer turns into the two session cookies.</summary>
public sealed record IssuedSession(string SessionId, string AccessToken, DateTimeOffset AccessExpiresAt, string RefreshToken, DateTimeOffset RefreshExpiresAt);

public enum RefreshOutcome
{
    Rotated,
    Rejected,
    ReuseDetected,
}

/// <summary>
/// Sessions (DESIGN §5): short access tokens plus rotating refresh tokens. Reuse of a spent refresh
/// token ends the whole session, except within a grace window after a rotation, when the same
/// successor is returned (two tabs refreshing at once must not sign anyone out).
/// </summary>
public sealed class SessionService(IDocumentStore store, SessionTokens tokens, TimeProvider clock)
{
    /// <summary>How long a just-spent refresh token still yields its successor.</summary>
    public static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(45);

    public static TimeSpan SlidingLifetime(AccountKind kind) => kind == AccountKind.Staff ? TimeSpan.FromHours(12) : TimeSpan.FromDays(30);

    public async Task<IssuedSession> StartAsync(UserAccount account, string userAgent, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sessionId = RandomTokens.Id("s_");
        var lifetime = SlidingLifetime(account.Kind);
        var session = new SessionDocument
        {
            Id = SessionDocument.IdFor(sessionId),
            UserId = account.UserId,
            SessionId = sessionId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + lifetime,
            Generation = 1,
            Device = DeviceDescription.From(userAgent),
            Kind = account.Kind,
            Ttl = (int)lifetime.TotalSeconds,
        };
        await store.CreateAsync(Containers.Users, account.UserId, session.Id, session, cancellationToken).ConfigureAwait(false);
        return await IssueAsync(session, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(RefreshOutcome Outcome, IssuedSession? Session)> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var parts = await tokens.ReadRefreshTokenAsync(refreshToken, cancellationToken).ConfigureAwait(false);
            if (parts is null)
            {
                return (RefreshOutcome.Rejected, null);
            }

            var stored = await store.ReadAsync<SessionDocument>(Containers.Users, parts.UserId, SessionDocument.IdFor(parts.SessionId), cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            if (stored is null || stored.Value.RevokedAt is not null || stored.Value.ExpiresAt <= now)
            {
                return (RefreshOutcome.Rejected, null);
            }

            var session = stored.Value;
            if (parts.Generation == session.Generation - 1 && session.RotatedAt is { } rotatedAt && now - rotatedAt <= ReuseGrace)
            {
                // A second tab (or a retried request) presenting the token just spent: same successor.
                return (RefreshOutcome.Rotated, await IssueAsync(session, cancellationToken).ConfigureAwait(false));
            }

            if (parts.Generation != session.Generation)
            {
                await RevokeAsync(session.UserId, session.SessionId, "refresh-token-reuse", cancellationToken).ConfigureAwait(false);
                return (RefreshOutcome.ReuseDetected, null);
            }

            var lifetime = SlidingLifetime(session.Kind);
            var rotated = session with
            {
                Generation = session.Generation + 1,
                RotatedAt = now,
                LastSeenAt = now,
                ExpiresAt = now + lifetime,
                Ttl = (int)lifetime.TotalSeconds,
            };
            try
            {
                await store.ReplaceAsync(Containers.Users, session.UserId, session.Id, rotated, stored.ETag, cancellationToken).ConfigureAwait(false);
                return (RefreshOutcome.Rotated, await IssueAsync(rotated, cancellationToken).ConfigureAwait(false));
            }
            catch (StoreException ex) when (ex.Failure == StoreFailure.PreconditionFailed)
            {
                // Another request rotated first; read again and take the grace path.
            }
        }

        return (RefreshOutcome.Rejected, null);
    }

    public async Task<IReadOnlyList<SessionDocument>> ListActiveAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sessions = await store.QueryAllAsync<SessionDocument>(IdentityQueries.SessionsOfUser, userId, new QueryArgs(), cancellationToken).ConfigureAwait(false);
        return [.. sessions.Where(s => s.RevokedAt is null && s.ExpiresAt > now)];
    }

    /// <summary>Ends one session; true if it existed and was active.</summary>
    public async Task<bool> RevokeAsync(string userId, string sessionId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await UpdateAsync(userId, sessionId, s => s.RevokedAt is null ? s with { RevokedAt = now, RevokedReason = reason, Ttl = (int)TimeSpan.FromDays(1).TotalSeconds } : null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> RevokeAllAsync(string userId, string reason, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var session in await ListActiveAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            if (await RevokeAsync(userId, session.SessionId, reason, cancellationToken).ConfigureAwait(false))
            {
                count++;
            }
        }

        return count;
    }

    public Task<bool> LockAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return UpdateAsync(userId, sessionId, s => s.LockedAt is null ? s with { LockedAt = now } : null, cancellationToken);
    }

    public Task<bool> UnlockAsync(string userId, string sessionId, CancellationToken cancellationToken) =>
        UpdateAsync(userId, sessionId, s => s.LockedAt is not null ? s with { LockedAt = null, LastSeenAt = clock.GetUtcNow() } : null, cancellationToken);

    public async Task<SessionDocument?> ReadAsync(string userId, string sessionId, CancellationToken cancellationToken) =>
        (await store.ReadAsync<SessionDocument>(Containers.Users, userId, SessionDocument.IdFor(sessionId), cancellationToken).ConfigureAwait(false))?.Value;

    private async Task<bool> UpdateAsync(string userId, string sessionId, Func<SessionDocument, SessionDocument?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var stored = await store.ReadAsync<SessionDocument>(Containers.Users, userId, SessionDocument.IdFor(sessionId), cancellationToken).ConfigureAwait(false);
            var next = stored is null ? null : change(stored.Value);
            if (stored is null || next is null)
            {
                return false;
            }

            try
            {
                await store.ReplaceAsync(Containers.Users, userId, stored.Value.Id, next, stored.ETag, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (StoreException ex) when (ex.Failure == StoreFailure.PreconditionFailed)
            {
                // Raced with a refresh: read again.
            }
        }

        throw DomainException.Stale();
    }

    private async Task<IssuedSession> IssueAsync(SessionDocument session, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var access = await tokens.CreateAccessTokenAsync(new AccessClaims(session.UserId, session.SessionId, session.Kind), cancellationToken).ConfigureAwait(false);
        var refresh = await tokens.CreateRefreshTokenAsync(session.UserId, session.SessionId, session.Generation, cancellationToken).ConfigureAwait(false);
        return new IssuedSession(session.SessionId, access, now + SessionTokens.AccessLifetime, refresh, session.ExpiresAt);
    }
}
