using System.Text.Json;
using Azure.Security.KeyVault.Secrets;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Infrastructure.Azure.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Security;

/// <summary>
/// <see cref="KeyVaultSigningKeySource"/> over a Moq <see cref="SecretClient"/> backed by <see cref="FakeKeyVault"/>.
/// Moq rather than an HTTPS stub of the REST API: the adapter's logic (which versions make the set, in which
/// order, what a refusal becomes, how two instances converge) sits above the SDK, and the SDK's own models
/// (<see cref="SecretModelFactory"/>, <c>AsyncPageable</c>, <c>RequestFailedException</c>) are what it sees
/// in production; a stub would also need a trusted TLS certificate and Key Vault's 401 challenge handshake,
/// which test the SDK rather than this code.
/// </summary>
public sealed class KeyVaultSigningKeySourceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
    private readonly FakeKeyVault _vault;

    public KeyVaultSigningKeySourceTests() => _vault = new FakeKeyVault(_clock);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetKeysAsync_FirstUse_CreatesOneVersionHoldingTheCurrentKey(bool missingSecretListsAs404)
    {
        _vault.MissingSecretListsAs404 = missingSecretListsAs404;
        using var source = Source();

        var keys = await source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None);

        var version = Assert.Single(_vault.Versions("signing-sessions"));
        Assert.Empty(keys.Previous);
        Assert.Equal(KeyVaultSigningKeySource.KeyBytes, keys.Current.CopyBytes().Length);
        Assert.Equal("application/json", version.ContentType);
        Assert.Equal(keys.Current.KeyId, version.Tags["kid"]);
        Assert.Equal("sessions", version.Tags["purpose"]);
        Assert.StartsWith("20260302-", keys.Current.KeyId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetKeysAsync_SecondInstance_ReadsTheSameKeyWithoutWriting()
    {
        using var first = Source();
        using var second = Source();

        var created = await first.GetKeysAsync(KeyRings.Secrets, CancellationToken.None);
        var read = await second.GetKeysAsync(KeyRings.Secrets, CancellationToken.None);

        Assert.Equal(1, _vault.Sets);
        Assert.Equal(created.Current.KeyId, read.Current.KeyId);
        Assert.Equal(created.Current.CopyBytes(), read.Current.CopyBytes());
    }

    [Fact]
    public async Task GetKeysAsync_ConcurrentFirstUseOnTwoInstances_ConvergesOnOneSetHoldingBothKeys()
    {
        using var first = Source();
        using var second = Source();
        _vault.HoldNextListingsTogether(2); // Both see an empty vault before either writes.

        var initial = await Task.WhenAll(
            Task.Run(() => first.GetKeysAsync(KeyRings.Sessions, CancellationToken.None)),
            Task.Run(() => second.GetKeysAsync(KeyRings.Sessions, CancellationToken.None)));

        // Both wrote (Key Vault has no conditional write), and nothing was overwritten.
        Assert.Equal(2, _vault.Versions("signing-sessions").Count);

        _clock.Advance(TimeSpan.FromMinutes(1)); // Past the adapter's cache.
        var a = await first.GetKeysAsync(KeyRings.Sessions, CancellationToken.None);
        var b = await second.GetKeysAsync(KeyRings.Sessions, CancellationToken.None);

        Assert.Equal(a.Verifying.Select(k => k.KeyId), b.Verifying.Select(k => k.KeyId));
        Assert.Equal(a.Current.CopyBytes(), b.Current.CopyBytes());
        // Whatever either instance signed with before it saw the other's key still verifies.
        Assert.NotNull(a.Find(initial[0].Current.KeyId));
        Assert.NotNull(a.Find(initial[1].Current.KeyId));
        Assert.Single(a.Previous);
    }

    [Fact]
    public async Task GetKeysAsync_TwoVersionsInTheSameSecond_OrderedByVersionIdEverywhere()
    {
        var older = _vault.AddVersion("signing-sessions", KeyJson("k-one"));
        var newer = _vault.AddVersion("signing-sessions", KeyJson("k-two")); // Same clock second.
        var expectedCurrent = string.CompareOrdinal(older.Version, newer.Version) > 0 ? "k-one" : "k-two";

        using var source = Source();
        var keys = await source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None);

        Assert.Equal(expectedCurrent, keys.Current.KeyId);
        Assert.Equal(2, _vault.Sets); // Read, not written to.
    }

    [Fact]
    public async Task RotateAsync_ThreeTimes_NewCurrentKeepsTwoPreviousNewestFirst()
    {
        using var source = Source();
        var kids = new List<string> { (await source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None)).Current.KeyId };

        SigningKeySet rotated = null!;
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            rotated = await source.RotateAsync(KeyRings.Sessions, CancellationToken.None);
            kids.Add(rotated.Current.KeyId);
        }

        Assert.Equal(4, _vault.Versions("signing-sessions").Count);
        Assert.Equal(kids[3], rotated.Current.KeyId);
        Assert.Equal([kids[2], kids[1]], rotated.Previous.Select(k => k.KeyId));
        Assert.Null(rotated.Find(kids[0])); // Beyond PreviousKeysKept = 2.

        // Another instance, started later, derives the same set from the vault.
        using var other = Source();
        var read = await other.GetKeysAsync(KeyRings.Sessions, CancellationToken.None);
        Assert.Equal(rotated.Verifying.Select(k => k.KeyId), read.Verifying.Select(k => k.KeyId));
    }

    [Fact]
    public async Task GetKeysAsync_RotationByAnotherInstance_SeenOnceTheCacheExpires()
    {
        using var source = Source();
        using var rotator = Source();
        var before = await source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None);
        var listings = _vault.Listings;

        _clock.Advance(TimeSpan.FromSeconds(2));
        var rotated = await rotator.RotateAsync(KeyRings.Sessions, CancellationToken.None);
        var cached = await source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None);
        Assert.Equal(before.Current.KeyId, cached.Current.KeyId);
        Assert.Equal(listings + 1, _vault.Listings); // Only the rotator listed.

        _clock.Advance(TimeSpan.FromSeconds(30));
        var fresh = await source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None);
        Assert.Equal(rotated.Current.KeyId, fresh.Current.KeyId);
        Assert.Equal(before.Current.KeyId, Assert.Single(fresh.Previous).KeyId);
    }

    [Fact]
    public async Task GetKeysAsync_VersionsAlreadyRead_AreNotFetchedAgain()
    {
        using var source = Source();
        await source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None);
        var gets = _vault.Gets;

        _clock.Advance(TimeSpan.FromMinutes(1));
        await source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None);

        Assert.Equal(gets, _vault.Gets);
    }

    [Fact]
    public async Task GetKeysAsync_DisabledVersion_IsLeftOut()
    {
        _vault.AddVersion("signing-sessions", KeyJson("k-old"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        _vault.AddVersion("signing-sessions", KeyJson("k-withdrawn"), enabled: false);

        using var source = Source();
        var keys = await source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None);

        Assert.Equal("k-old", keys.Current.KeyId);
        Assert.Empty(keys.Previous);
        Assert.Equal(2, _vault.Sets); // No new key: an enabled version exists.
    }

    [Theory]
    [InlineData(403)]
    [InlineData(401)]
    public async Task GetKeysAsync_VaultRefusesTheIdentity_ThrowsNamingTheRoleAndWritesNothing(int status)
    {
        _vault.RefuseAll = status;
        using var source = Source();

        var ex = await Assert.ThrowsAsync<KeyVaultAccessException>(() => source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None));

        Assert.Equal(status, ex.Status);
        Assert.Contains("Key Vault Secrets Officer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("signing-sessions", ex.Message, StringComparison.Ordinal);
        Assert.Contains(FakeKeyVault.VaultUri.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _vault.Sets);
    }

    [Fact]
    public async Task GetKeysAsync_ReadOnlyRole_FailsAgainOnTheNextCallInsteadOfUsingAnUnstoredKey()
    {
        _vault.RefuseWrites = 403; // Key Vault Secrets User: may list and read, not write.
        using var source = Source();

        await Assert.ThrowsAsync<KeyVaultAccessException>(() => source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None));
        var again = await Assert.ThrowsAsync<KeyVaultAccessException>(() => source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None));

        Assert.Contains("write a new version of", again.Message, StringComparison.Ordinal);
        Assert.Empty(_vault.Versions("signing-sessions"));
    }

    [Fact]
    public async Task GetKeysAsync_VersionThatIsNotAKey_ThrowsInvalidData()
    {
        _vault.AddVersion("signing-sessions", "hunter2");
        using var source = Source();

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => source.GetKeysAsync(KeyRings.Sessions, CancellationToken.None));

        Assert.Contains("signing-sessions", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sessions")]
    [InlineData("../x")]
    [InlineData("")]
    public async Task GetKeysAsync_PurposeNotASecretName_Throws(string purpose)
    {
        using var source = Source();

        await Assert.ThrowsAsync<ArgumentException>(() => source.GetKeysAsync(purpose, CancellationToken.None));
        Assert.Equal(0, _vault.Listings);
    }

    private KeyVaultSigningKeySource Source() => new(
        _vault.Client.Object,
        Options.Create(new KeyVaultOptions { Uri = FakeKeyVault.VaultUri }),
        _clock,
        NullLogger<KeyVaultSigningKeySource>.Instance);

    private static string KeyJson(string kid) =>
        JsonSerializer.Serialize(new { kid, key = Convert.ToBase64String(new byte[32]) });
}
