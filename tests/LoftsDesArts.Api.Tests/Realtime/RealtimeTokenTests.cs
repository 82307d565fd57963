using LoftsDesArts.Core.Security;
using LoftsDesArts.Infrastructure.Local.Realtime;
using LoftsDesArts.Infrastructure.Local.Security;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Api.Tests.Realtime;

/// <summary>The self-host's signing keys on disk and the real-time tokens signed with them.</summary>
public sealed class RealtimeTokenTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lda-tests", "keys-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task GetKeysAsync_FirstUse_CreatesOwnerOnlyFileThatAnotherInstanceReadsBack()
    {
        SigningKeySet first;
        using (var source = new FileSigningKeySource(_folder, _clock))
        {
            first = await source.GetKeysAsync(SigningKeyPurposes.Realtime, CancellationToken.None);
        }

        using var restarted = new FileSigningKeySource(_folder, _clock);
        var again = await restarted.GetKeysAsync(SigningKeyPurposes.Realtime, CancellationToken.None);

        Assert.Equal(first.Current.KeyId, again.Current.KeyId);
        Assert.Equal(first.Current.CopyBytes(), again.Current.CopyBytes());
        Assert.Equal(32, again.Current.CopyBytes().Length);
        Assert.Empty(again.Previous);
        var file = Path.Combine(_folder, "realtime.json");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task GetKeysAsync_TwoPurposes_HaveDifferentKeys()
    {
        using var source = new FileSigningKeySource(_folder, _clock);

        var realtime = await source.GetKeysAsync(SigningKeyPurposes.Realtime, CancellationToken.None);
        var session = await source.GetKeysAsync("session", CancellationToken.None);

        Assert.NotEqual(realtime.Current.KeyId, session.Current.KeyId);
        Assert.NotEqual(realtime.Current.CopyBytes(), session.Current.CopyBytes());
        await Assert.ThrowsAsync<ArgumentException>(() => source.GetKeysAsync("../escape", CancellationToken.None));
    }

    [Fact]
    public async Task RotateAsync_TokenSignedBefore_ValidUntilItsKeyLeavesThePreviousKeys()
    {
        using var source = new FileSigningKeySource(_folder, _clock);
        var tokens = new RealtimeTokenService(source, _clock);
        var token = await tokens.IssueAsync("user-1", ["staff.b1"], CancellationToken.None);
        var original = (await source.GetKeysAsync(SigningKeyPurposes.Realtime, CancellationToken.None)).Current;

        var rotated = await source.RotateAsync(SigningKeyPurposes.Realtime, CancellationToken.None);
        Assert.NotEqual(original.KeyId, rotated.Current.KeyId);
        Assert.Equal([original.KeyId], rotated.Previous.Select(k => k.KeyId));
        Assert.NotNull(await tokens.ValidateAsync(token, CancellationToken.None));

        // A restarted host sees the rotation too.
        using var restarted = new FileSigningKeySource(_folder, _clock);
        Assert.NotNull(await new RealtimeTokenService(restarted, _clock).ValidateAsync(token, CancellationToken.None));

        await source.RotateAsync(SigningKeyPurposes.Realtime, CancellationToken.None);
        Assert.NotNull(await tokens.ValidateAsync(token, CancellationToken.None));
        var third = await source.RotateAsync(SigningKeyPurposes.Realtime, CancellationToken.None);

        Assert.Equal(FileSigningKeySource.PreviousKeysKept, third.Previous.Count);
        Assert.Null(third.Find(original.KeyId));
        Assert.Null(await tokens.ValidateAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task ValidateAsync_AfterFiveMinutes_Expired()
    {
        using var source = new FileSigningKeySource(_folder, _clock);
        var tokens = new RealtimeTokenService(source, _clock);
        var token = await tokens.IssueAsync("user-1", ["unit.b1.u305", "staff.b2"], CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        var ticket = await tokens.ValidateAsync(token, CancellationToken.None);
        Assert.NotNull(ticket);
        Assert.Equal("user-1", ticket.UserId);
        Assert.Equal(["unit.b1.u305", "staff.b2"], ticket.Groups);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero), ticket.IssuedAt);

        _clock.Advance(TimeSpan.FromSeconds(1) + RealtimeTokenService.ClockSkew);
        Assert.Null(await tokens.ValidateAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task IssueAsync_LifetimeOverFiveMinutes_Refused()
    {
        using var source = new FileSigningKeySource(_folder, _clock);
        var tokens = new RealtimeTokenService(source, _clock) { Lifetime = TimeSpan.FromMinutes(6) };

        await Assert.ThrowsAsync<InvalidOperationException>(() => tokens.IssueAsync("user-1", [], CancellationToken.None));
    }
}
