using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoftsDesArts.Core.Identity;

/// <summary>What an access token says: whose session, which kind of account.</summary>
public sealed record AccessClaims(string UserId, string SessionId, AccountKind Kind);

public enum AccessTokenState
{
    Valid,
    Expired,
    Invalid,
}

/// <summary>
/// Access tokens (short-lived HS256 JWTs) and refresh tokens (MACs over user, session and generation),
/// both keyed by the <see cref="KeyRings.Sessions"/> ring. Refresh tokens are derived, not stored: the
/// session records its generation, so the successor of a token can be recomputed for a second tab
/// inside the grace window, and nothing secret sits in the store.
/// </summary>
public sealed class SessionTokens(KeyRingCache keys, TimeProvider clock)
{
    public const string Issuer = "lofts-des-arts";
    public const string Audience = "lofts-des-arts-api";
    public static readonly TimeSpan AccessLifetime = TimeSpan.FromMinutes(10);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    // Replaced whole when the key ring cache hands out another set (rotation, or its 5-minute reload).
    private volatile ValidationForRing? _validation;

    public async Task<string> CreateAccessTokenAsync(AccessClaims claims, CancellationToken cancellationToken)
    {
        var key = (await keys.GetAsync(KeyRings.Sessions, cancellationToken).ConfigureAwait(false)).Current;
        var now = clock.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + AccessLifetime).UtcDateTime,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["sub"] = claims.UserId,
                ["sid"] = claims.SessionId,
                ["knd"] = claims.Kind == AccountKind.Staff ? "staff" : "resident",
            },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key.CopyBytes()) { KeyId = key.KeyId }, SecurityAlgorithms.HmacSha256),
        };
        return Handler.CreateToken(descriptor);
    }

    public async Task<(AccessTokenState State, AccessClaims? Claims)> ValidateAccessTokenAsync(string token, CancellationToken cancellationToken)
    {
        var ring = await keys.GetAsync(KeyRings.Sessions, cancellationToken).ConfigureAwait(false);
        var parameters = ParametersFor(ring);
        var result = await Handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return (result.Exception is SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException ? AccessTokenState.Expired : AccessTokenState.Invalid, null);
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var kind = jwt.GetClaim("knd").Value == "staff" ? AccountKind.Staff : AccountKind.Resident;
        return (AccessTokenState.Valid, new AccessClaims(jwt.Subject, jwt.GetClaim("sid").Value, kind));
    }

    /// <summary>
    /// The validation parameters of a key set, built once per set rather than on every request: the
    /// same <see cref="SymmetricSecurityKey"/> objects keep their computed ids, so the handler's
    /// signature-provider cache is hit instead of hashing each key anew (docs/benchmarks.md).
    /// </summary>
    private TokenValidationParameters ParametersFor(SigningKeySet ring)
    {
        var cached = _validation;
        if (cached is not null && ReferenceEquals(cached.Ring, ring))
        {
            return cached.Parameters;
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKeys = [.. ring.Verifying.Select(k => new SymmetricSecurityKey(k.CopyBytes()) { KeyId = k.KeyId })],
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, p) =>
                expires is { } exp && clock.GetUtcNow().UtcDateTime <= exp + p.ClockSkew
                && (notBefore is not { } nbf || clock.GetUtcNow().UtcDateTime >= nbf - p.ClockSkew),
        };
        _validation = new ValidationForRing(ring, parameters);
        return parameters;
    }

    /// <summary><c>{userId}.{sessionId}.{generation}.{keyId}.{mac}</c>.</summary>
    public async Task<string> CreateRefreshTokenAsync(string userId, string sessionId, long generation, CancellationToken cancellationToken)
    {
        var key = (await keys.GetAsync(KeyRings.Sessions, cancellationToken).ConfigureAwait(false)).Current;
        return Format(userId, sessionId, generation, key);
    }

    /// <summary>Parses a refresh token and checks its MAC; <c>null</c> when it is not one of ours.</summary>
    public async Task<RefreshTokenParts?> ReadRefreshTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 5 } || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
        {
            return null;
        }

        var key = await keys.FindAsync(KeyRings.Sessions, parts[3], cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return null;
        }

        var expected = Format(parts[0], parts[1], generation, key);
        return RandomTokens.FixedTimeEquals(expected, token!) ? new RefreshTokenParts(parts[0], parts[1], generation) : null;
    }

    private static string Format(string userId, string sessionId, long generation, SigningKey key)
    {
        var gen = generation.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(key.CopyBytes(), Encoding.UTF8.GetBytes($"rt|{userId}|{sessionId}|{gen}"));
        return $"{userId}.{sessionId}.{gen}.{key.KeyId}.{Base64Url.Encode(mac)}";
    }

    private sealed record ValidationForRing(SigningKeySet Ring, TokenValidationParameters Parameters);
}

public sealed record RefreshTokenParts(string UserId, string SessionId, long Generation);
