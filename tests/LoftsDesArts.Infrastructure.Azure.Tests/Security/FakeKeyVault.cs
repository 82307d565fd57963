using System.Security.Cryptography;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Moq;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Security;

/// <summary>
/// A Key Vault secrets store in memory behind a Moq <see cref="SecretClient"/>, with the service's
/// semantics the adapter relies on: Set Secret always adds a version (no conditional write exists),
/// versions carry a created time of whole seconds and a random 32-hex id, listing versions of a missing
/// secret answers 404 (or an empty list), and a refusal is a <see cref="RequestFailedException"/> 403
/// "Forbidden" as the SDK raises it. Responses are built with <see cref="SecretModelFactory"/>.
/// </summary>
public sealed class FakeKeyVault
{
    public static readonly Uri VaultUri = new("https://kv-lda-test.vault.azure.net/");

    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<(SecretProperties Properties, string Value)>> _secrets = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private int _listings;
    private int _gets;
    private int _sets;
    private TaskCompletionSource? _listingRendezvous;
    private int _rendezvousExpected;
    private int _rendezvousArrived;

    public FakeKeyVault(TimeProvider clock)
    {
        _clock = clock;
        Client = new Mock<SecretClient>(MockBehavior.Strict);
        Client.SetupGet(c => c.VaultUri).Returns(VaultUri);
        Client.Setup(c => c.GetPropertiesOfSecretVersionsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string name, CancellationToken _) => new VersionsPageable(this, name));
        Client.Setup(c => c.GetSecretAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string name, string version, CancellationToken _) => Task.FromResult(Get(name, version)));
        Client.Setup(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>()))
            .Returns((KeyVaultSecret secret, CancellationToken _) => Task.FromResult(Set(secret)));
    }

    public Mock<SecretClient> Client { get; }

    /// <summary>Status every call answers with (403: the identity has no role on the vault).</summary>
    public int? RefuseAll { get; set; }

    /// <summary>Status Set Secret answers with (403: a read-only role such as Key Vault Secrets User).</summary>
    public int? RefuseWrites { get; set; }

    /// <summary>Listing the versions of a missing secret answers 404 (true) or an empty list (false).</summary>
    public bool MissingSecretListsAs404 { get; set; } = true;

    public int Listings => Volatile.Read(ref _listings);

    public int Gets => Volatile.Read(ref _gets);

    public int Sets => Volatile.Read(ref _sets);

    /// <summary>
    /// The next <paramref name="callers"/> listings wait for one another before reading, so that each sees
    /// the vault as it was before any of them wrote: two instances starting at the same moment.
    /// </summary>
    public void HoldNextListingsTogether(int callers)
    {
        lock (_lock)
        {
            _listingRendezvous = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _rendezvousExpected = callers;
            _rendezvousArrived = 0;
        }
    }

    public IReadOnlyList<SecretProperties> Versions(string name)
    {
        lock (_lock)
        {
            return _secrets.TryGetValue(name, out var versions) ? [.. versions.Select(v => v.Properties)] : [];
        }
    }

    /// <summary>Writes a version as someone else would (another instance, an operator).</summary>
    public SecretProperties AddVersion(string name, string value, bool enabled = true)
    {
        var properties = Set(new KeyVaultSecret(name, value)).Value.Properties;
        properties.Enabled = enabled;
        return properties;
    }

    private async Task<IReadOnlyList<SecretProperties>> ListAsync(string name)
    {
        Interlocked.Increment(ref _listings);
        Refuse(RefuseAll);
        IReadOnlyList<SecretProperties> snapshot;
        Task? wait = null;
        lock (_lock)
        {
            // The service lists versions in no time order; here in version-id order (random ids), so the adapter must sort.
            snapshot = _secrets.TryGetValue(name, out var versions)
                ? [.. versions.Select(v => v.Properties).OrderBy(p => p.Version, StringComparer.Ordinal)]
                : [];
            if (_listingRendezvous is { } rendezvous)
            {
                wait = rendezvous.Task;
                if (++_rendezvousArrived == _rendezvousExpected)
                {
                    _listingRendezvous = null;
                    rendezvous.SetResult();
                }
            }
        }

        // Held listings answer only once all of them have read the vault.
        if (wait is not null)
        {
            await wait.WaitAsync(TimeSpan.FromSeconds(10));
        }

        return snapshot.Count == 0 && MissingSecretListsAs404
            ? throw new RequestFailedException(404, $"A secret with (name/id) {name} was not found in this key vault.", "SecretNotFound", null)
            : snapshot;
    }

    private Response<KeyVaultSecret> Get(string name, string version)
    {
        Interlocked.Increment(ref _gets);
        Refuse(RefuseAll);
        lock (_lock)
        {
            var found = _secrets.TryGetValue(name, out var versions) ? versions.FirstOrDefault(v => v.Properties.Version == version) : default;
            if (found.Properties is null)
            {
                throw new RequestFailedException(404, $"A secret with (name/id) {name}/{version} was not found in this key vault.", "SecretNotFound", null);
            }

            if (found.Properties.Enabled == false)
            {
                throw new RequestFailedException(403, "Operation get is not allowed on a disabled secret.", "Forbidden", null);
            }

            return Response.FromValue(SecretModelFactory.KeyVaultSecret(found.Properties, found.Value), Mock.Of<Response>());
        }
    }

    private Response<KeyVaultSecret> Set(KeyVaultSecret secret)
    {
        Interlocked.Increment(ref _sets);
        Refuse(RefuseAll);
        Refuse(RefuseWrites);
        var version = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var created = DateTimeOffset.FromUnixTimeSeconds(_clock.GetUtcNow().ToUnixTimeSeconds());
        var properties = SecretModelFactory.SecretProperties(
            id: new Uri(VaultUri, $"secrets/{secret.Name}/{version}"),
            vaultUri: VaultUri,
            name: secret.Name,
            version: version,
            managed: false,
            keyId: null,
            createdOn: created,
            updatedOn: created,
            recoveryLevel: "Recoverable");
        properties.Enabled = true;
        properties.ContentType = secret.Properties.ContentType;
        foreach (var tag in secret.Properties.Tags)
        {
            properties.Tags[tag.Key] = tag.Value;
        }

        lock (_lock)
        {
            if (!_secrets.TryGetValue(secret.Name, out var versions))
            {
                _secrets[secret.Name] = versions = [];
            }

            versions.Add((properties, secret.Value));
        }

        return Response.FromValue(SecretModelFactory.KeyVaultSecret(properties, secret.Value), Mock.Of<Response>());
    }

    private static void Refuse(int? status)
    {
        if (status is { } code)
        {
            throw new RequestFailedException(code, "Caller is not authorized to perform action on resource. Action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'", "Forbidden", null);
        }
    }

    private sealed class VersionsPageable(FakeKeyVault vault, string name) : AsyncPageable<SecretProperties>
    {
        public override async IAsyncEnumerable<Page<SecretProperties>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            var versions = await vault.ListAsync(name);

            // Two pages when there is more than one version, as the service pages long lists.
            var half = versions.Count / 2;
            if (half > 0)
            {
                yield return Page<SecretProperties>.FromValues([.. versions.Take(half)], "next", Mock.Of<Response>());
            }

            yield return Page<SecretProperties>.FromValues([.. versions.Skip(half)], null, Mock.Of<Response>());
        }
    }
}
