using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Core.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoftsDesArts.Infrastructure.Local.Realtime;

/// <summary>What a valid connection token says: who, which groups, and when it was issued.</summary>
public sealed record RealtimeTicket(string UserId, IReadOnlyList<string> Groups, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues and checks the self-host's real-time connection tokens: HMAC-SHA256 JWTs signed with the
/// <see cref="SigningKeyPurposes.Realtime"/> keys, valid at most <see cref="RealtimeProtocol.MaxTokenLifetime"/>,
/// carrying the user id (<c>sub</c>) and the groups (<c>grp</c>) computed by negotiate. Time comes from the
/// injected clock, so expiry is tested without sleeping.
/// </summary>
public sealed class RealtimeTokenService(ISigningKeySource keys, TimeProvider clock)
{
    public const string Issuer = "loftsdesarts-selfhost";
    public const string Audience = "loftsdesarts-realtime";
    public const string GroupClaim = "grp";

    /// <summary>
    /// Issue time in Unix milliseconds. The standard <c>iat</c> has whole seconds, too coarse to tell a
    /// token issued just after a revocation (a client reconnecting at once) from one issued just before.
    /// </summary>
    public const string IssuedAtMillisecondsClaim = "lda_iat_ms";

    /// <summary>Tolerance for clock differences; the self-host checks its own tokens, so it is small.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan Lifetime { get; init; } = RealtimeProtocol.MaxTokenLifetime;

    public async Task<string> IssueAsync(string userId, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(groups);
        if (Lifetime <= TimeSpan.Zero || Lifetime > RealtimeProtocol.MaxTokenLifetime)
        {
            throw new InvalidOperationException($"A real-time token lives at most {RealtimeProtocol.MaxTokenLifetime}.");
        }

        var set = await keys.GetKeysAsync(SigningKeyPurposes.Realtime, cancellationToken).ConfigureAwait(false);
        var issuedAt = clock.GetUtcNow();
        var now = issuedAt.UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = userId,
                [GroupClaim] = groups.ToArray(),
                [IssuedAtMillisecondsClaim] = issuedAt.ToUnixTimeMilliseconds(),
            },
            SigningCredentials = new SigningCredentials(ToSecurityKey(set.Current), SecurityAlgorithms.HmacSha256),
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary>The ticket of a valid token; <c>null</c> for anything else (malformed, forged, expired, other purpose).</summary>
    public async Task<RealtimeTicket?> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || !_handler.CanReadToken(token))
        {
            return null;
        }

        var set = await keys.GetKeysAsync(SigningKeyPurposes.Realtime, cancellationToken).ConfigureAwait(false);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            IssuerSigningKeyResolver = (_, _, kid, _) => set.Find(kid) is { } key ? [ToSecurityKey(key)] : [],
            LifetimeValidator = ValidLifetime,
        };

        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid
            || result.SecurityToken is not JsonWebToken jwt
            || string.IsNullOrEmpty(jwt.Subject)
            || !jwt.TryGetPayloadValue<long>(IssuedAtMillisecondsClaim, out var issuedAtMs))
        {
            return null;
        }

        var groups = jwt.Claims.Where(c => c.Type == GroupClaim).Select(c => c.Value).ToList();
        return new RealtimeTicket(
            jwt.Subject,
            groups,
            DateTimeOffset.FromUnixTimeMilliseconds(issuedAtMs),
            new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc)));
    }

    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (notBefore is null || expires is null || expires - notBefore > RealtimeProtocol.MaxTokenLifetime)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return notBefore.Value - ClockSkew <= now && now < expires.Value + ClockSkew;
    }

    private static SymmetricSecurityKey ToSecurityKey(SigningKey key) => new(key.CopyBytes()) { KeyId = key.KeyId };
}
