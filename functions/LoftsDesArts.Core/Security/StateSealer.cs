using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LoftsDesArts.Core.Security;

/// <summary>
/// Seals a small value for a round trip through the browser (a cookie during the Entra redirect):
/// base64url JSON plus an HMAC under the sessions ring, bound to a purpose and an expiry. Not
/// encrypted: seal nothing secret beyond what the flow needs (the PKCE verifier is safe to hold
/// client-side in an HttpOnly cookie; it is useless without the code).
/// </summary>
public sealed class StateSealer(KeyRingCache keys, TimeProvider clock)
{
    public async Task<string> SealAsync<T>(string purpose, T value, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var key = (await keys.GetAsync(KeyRings.Sessions, cancellationToken).ConfigureAwait(false)).Current;
        var envelope = new Envelope<T>(value, clock.GetUtcNow() + lifetime);
        var payload = Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(envelope, Storage.StoreJson.Options));
        return $"{payload}.{key.KeyId}.{Mac(key, purpose, payload)}";
    }

    public async Task<T?> UnsealAsync<T>(string purpose, string? sealedValue, CancellationToken cancellationToken)
        where T : class
    {
        var parts = sealedValue?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        var key = await keys.FindAsync(KeyRings.Sessions, parts[1], cancellationToken).ConfigureAwait(false);
        if (key is null || !RandomTokens.FixedTimeEquals(Mac(key, purpose, parts[0]), parts[2]))
        {
            return null;
        }

        var envelope = JsonSerializer.Deserialize<Envelope<T>>(Base64Url.Decode(parts[0]), Storage.StoreJson.Options);
        return envelope is not null && envelope.ExpiresAt > clock.GetUtcNow() ? envelope.Value : null;
    }

    private static string Mac(SigningKey key, string purpose, string payload) =>
        Base64Url.Encode(HMACSHA256.HashData(key.CopyBytes(), Encoding.UTF8.GetBytes($"seal|{purpose}|{payload}")));

    private sealed record Envelope<T>(T Value, DateTimeOffset ExpiresAt);
}
