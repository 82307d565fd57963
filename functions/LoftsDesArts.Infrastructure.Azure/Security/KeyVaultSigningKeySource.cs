using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Security.KeyVault.Secrets;
using LoftsDesArts.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure.Security;

/// <summary>
/// Signing keys in Azure Key Vault: one secret per purpose, named <c>signing-{purpose}</c>, whose
/// <em>versions</em> are the keys. Each version's value is one key as JSON (<c>{"kid":…,"key":base64}</c>).
/// The set is derived from the enabled versions by one rule every instance applies alike: newest first
/// (created time, then version id), the first is current, the next <see cref="KeyVaultOptions.PreviousKeysKept"/>
/// verify. A purpose with no version yet gets one on first use; <see cref="RotateAsync"/> adds one.
/// </summary>
/// <remarks>
/// Why a version per key and not one secret holding the whole set: Key Vault has no conditional write (no
/// ETag, no If-None-Match on Set Secret), so "read; if missing, create" cannot stop two instances starting
/// together from both writing. With a whole set per value, the later write replaces the earlier and the
/// first instance's key — already used to sign a session token or encrypt a TOTP seed — would be lost.
/// With a key per version nothing is ever overwritten: both writes become versions, every instance that
/// lists them derives the same set (the later one current, the earlier one previous), and what the
/// earlier instance signed in between still verifies. Rotation races converge the same way.
/// A refusal (401/403: the identity lacks Key Vault Secrets Officer) raises
/// <see cref="KeyVaultAccessException"/>; it never leads to a key being made up in memory.
/// </remarks>
public sealed partial class KeyVaultSigningKeySource : ISigningKeySource, IDisposable
{
    public const string SecretNamePrefix = "signing-";
    public const int KeyBytes = 32;
    public const string KeyContentType = "application/json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SecretClient _client;
    private readonly KeyVaultOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<KeyVaultSigningKeySource> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (SigningKeySet Keys, DateTimeOffset LoadedAt)> _sets = new(StringComparer.Ordinal);

    // A version never changes: its key is read from the vault once.
    private readonly Dictionary<string, SigningKey> _versions = new(StringComparer.Ordinal);

    public KeyVaultSigningKeySource(SecretClient client, IOptions<KeyVaultOptions> options, TimeProvider clock, ILogger<KeyVaultSigningKeySource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The secret holding the keys of <paramref name="purpose"/>.</summary>
    public static string SecretName(string purpose)
    {
        if (string.IsNullOrEmpty(purpose) || !PurposePattern().IsMatch(purpose))
        {
            throw new ArgumentException("A key purpose is lower-case letters, digits and dashes.", nameof(purpose));
        }

        return SecretNamePrefix + purpose;
    }

    public async Task<SigningKeySet> GetKeysAsync(string purpose, CancellationToken cancellationToken)
    {
        var name = SecretName(purpose);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_sets.TryGetValue(purpose, out var cached) && _clock.GetUtcNow() - cached.LoadedAt < _options.CacheLifetime)
            {
                return cached.Keys;
            }

            var set = await LoadAsync(name, cancellationToken).ConfigureAwait(false);
            if (set is null)
            {
                // First use. Another instance may be doing the same right now: both versions land, and the
                // re-read below (and every later read) orders them the same way everywhere.
                var created = await AddVersionAsync(purpose, name, cancellationToken).ConfigureAwait(false);
                LogCreated(_logger, purpose, created.KeyId, name);
                set = await LoadAsync(name, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Key Vault lists no enabled version of secret '{name}' right after one was written.");
            }

            _sets[purpose] = (set, _clock.GetUtcNow());
            return set;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SigningKeySet> RotateAsync(string purpose, CancellationToken cancellationToken)
    {
        var name = SecretName(purpose);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var created = await AddVersionAsync(purpose, name, cancellationToken).ConfigureAwait(false);
            var set = await LoadAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Key Vault lists no enabled version of secret '{name}' right after one was written.");
            _sets[purpose] = (set, _clock.GetUtcNow());
            LogRotated(_logger, purpose, created.KeyId, set.Current.KeyId);
            return set;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The set the vault holds now, or <c>null</c> when the secret has no enabled version.</summary>
    private async Task<SigningKeySet?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var versions = new List<SecretProperties>();
        try
        {
            await foreach (var version in _client.GetPropertiesOfSecretVersionsAsync(name, cancellationToken).ConfigureAwait(false))
            {
                versions.Add(version);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No such secret: nothing to list.
        }
        catch (RequestFailedException ex) when (KeyVaultAccessException.IsRefusal(ex))
        {
            throw new KeyVaultAccessException(_client.VaultUri, name, "list the versions of", ex);
        }

        var chosen = versions
            .Where(v => v.Enabled != false)
            .OrderByDescending(v => v.CreatedOn ?? DateTimeOffset.MinValue)
            .ThenByDescending(v => v.Version, StringComparer.Ordinal)
            .Take(_options.PreviousKeysKept + 1)
            .ToList();
        if (chosen.Count == 0)
        {
            return null;
        }

        var keys = new List<SigningKey>(chosen.Count);
        foreach (var version in chosen)
        {
            keys.Add(await ReadVersionAsync(name, version.Version, cancellationToken).ConfigureAwait(false));
        }

        return new SigningKeySet(keys[0], keys[1..]);
    }

    private async Task<SigningKey> ReadVersionAsync(string name, string version, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue(version, out var known))
        {
            return known;
        }

        KeyVaultSecret secret;
        try
        {
            secret = (await _client.GetSecretAsync(name, version, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (KeyVaultAccessException.IsRefusal(ex))
        {
            throw new KeyVaultAccessException(_client.VaultUri, name, "read", ex);
        }

        var key = Parse(name, version, secret.Value);
        _versions[version] = key;
        return key;
    }

    private async Task<SigningKey> AddVersionAsync(string purpose, string name, CancellationToken cancellationToken)
    {
        var key = NewKey();
        var bytes = key.CopyBytes();
        string value;
        try
        {
            value = JsonSerializer.Serialize(new KeyEntry(key.KeyId, Convert.ToBase64String(bytes)), Json);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }

        var secret = new KeyVaultSecret(name, value)
        {
            Properties =
            {
                ContentType = KeyContentType,
                Tags = { ["purpose"] = purpose, ["kid"] = key.KeyId },
            },
        };

        KeyVaultSecret written;
        try
        {
            written = (await _client.SetSecretAsync(secret, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (KeyVaultAccessException.IsRefusal(ex))
        {
            throw new KeyVaultAccessException(_client.VaultUri, name, "write a new version of", ex);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new KeyVaultAccessException(
                _client.VaultUri,
                name,
                "write a new version of",
                ex,
                "The secret is deleted but still recoverable (soft delete, purge protection): recover it with `az keyvault secret recover`, it holds the keys that verify existing sessions.");
        }

        if (written.Properties.Version is { Length: > 0 } version)
        {
            _versions[version] = key;
        }

        return key;
    }

    private SigningKey NewKey()
    {
        var id = _clock.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var bytes = RandomNumberGenerator.GetBytes(KeyBytes);
        try
        {
            return new SigningKey(id, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static SigningKey Parse(string name, string version, string? value)
    {
        KeyEntry? entry;
        try
        {
            entry = value is null ? null : JsonSerializer.Deserialize<KeyEntry>(value, Json);
        }
        catch (JsonException)
        {
            entry = null;
        }

        if (entry is not { Kid.Length: > 0, Key.Length: > 0 })
        {
            throw new InvalidDataException($"Version {version} of Key Vault secret '{name}' is not a signing key ({{\"kid\":…,\"key\":base64}}).");
        }

        var bytes = Convert.FromBase64String(entry.Key);
        try
        {
            return new SigningKey(entry.Kid, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first signing key {KeyId} of {Purpose} in Key Vault secret {SecretName}")]
    private static partial void LogCreated(ILogger logger, string purpose, string keyId, string secretName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rotated the signing keys of {Purpose}: wrote {KeyId}, current is {CurrentKeyId}")]
    private static partial void LogRotated(ILogger logger, string purpose, string keyId, string currentKeyId);

    private sealed record KeyEntry(string Kid, string Key);
}
