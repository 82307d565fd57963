using System.Net;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Access;

namespace LoftsDesArts.Api.Tests.Identity;

public sealed class SessionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SignIn_StaffNeedsTotp_ThenCookiesAreHttpOnlySecureStrict()
    {
        var staff = await factory.CreateStaffAsync(factory.BuildingId, Role.FrontDesk);
        using var client = factory.CreatePortalClient();

        var first = await client.PostJsonAsync("/api/auth/sign-in", new { email = staff.Email.ToUpperInvariant(), password = staff.Password });
        Assert.Equal("totp-required", (await first.JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-lda-mfa=", StringComparison.Ordinal));
        await (await client.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");

        var wrong = await client.PostJsonAsync("/api/auth/sign-in/totp", new { code = "000000" });
        await wrong.ProblemAsync(HttpStatusCode.BadRequest, "validation");

        var second = await client.PostJsonAsync("/api/auth/sign-in/totp", new { code = factory.TotpCode(staff.TotpSecret) });
        var body = await second.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("staff", body.GetProperty("user").GetProperty("kind").GetString());
        var cookies = second.Headers.GetValues("Set-Cookie").ToList();
        foreach (var name in new[] { "__Host-lda-at=", "__Host-lda-rt=" })
        {
            var cookie = Assert.Single(cookies, c => c.StartsWith(name, StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        }

        var me = await (await client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("frontDesk", Assert.Single(me.GetProperty("memberships").EnumerateArray()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task SignIn_WrongPasswordAndUnknownEmail_SameAnswer()
    {
        var staff = await factory.CreateStaffAsync(factory.BuildingId, Role.Manager);
        using var client = factory.CreatePortalClient();

        var wrong = await (await client.PostJsonAsync("/api/auth/sign-in", new { email = staff.Email, password = "not the password at all" })).ProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        var unknown = await (await client.PostJsonAsync("/api/auth/sign-in", new { email = "nobody.at.all@example.test", password = "not the password at all" })).ProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");

        Assert.Equal(wrong.GetProperty("title").GetString(), unknown.GetProperty("title").GetString());
    }

    [Fact]
    public async Task SignIn_RepeatedFailures_ProgressiveDelayNotLockout()
    {
        var staff = await factory.CreateStaffAsync(factory.BuildingId, Role.Manager);
        using var client = factory.CreatePortalClient();
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostJsonAsync("/api/auth/sign-in", new { email = staff.Email, password = "guess number " + i })).ProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        var throttled = await client.PostJsonAsync("/api/auth/sign-in", new { email = staff.Email, password = staff.Password });

        var problem = await throttled.ProblemAsync(HttpStatusCode.TooManyRequests, "throttled");
        Assert.InRange(problem.GetProperty("retryAfterSeconds").GetInt32(), 1, 2);
        Assert.NotNull(throttled.Headers.RetryAfter);
    }

    [Fact]
    public async Task Refresh_RotatesAndReuseOfTheOldTokenWithinGraceGetsTheSameSuccessor()
    {
        var staff = await factory.CreateStaffAsync(factory.BuildingId, Role.Manager);
        using var client = factory.CreatePortalClient();
        await (await client.PostJsonAsync("/api/auth/sign-in", new { email = staff.Email, password = staff.Password })).JsonAsync(HttpStatusCode.OK);
        var signedIn = await client.PostJsonAsync("/api/auth/sign-in/totp", new { code = factory.TotpCode(staff.TotpSecret) });
        var first = RefreshCookieValue(signedIn);

        var refreshed = await client.PostAsync("/api/auth/refresh");
        Assert.Equal(HttpStatusCode.NoContent, refreshed.StatusCode);
        var second = RefreshCookieValue(refreshed);
        Assert.NotEqual(first, second);

        // A second tab still holding the token just spent: same successor, nobody signed out.
        using var tabTwo = factory.CreatePortalClient();
        var race = await tabTwo.SendAsync(RefreshWith(first));
        Assert.Equal(HttpStatusCode.NoContent, race.StatusCode);
        Assert.Equal(second, RefreshCookieValue(race));
        await (await client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);

        // A forged token is refused without touching the session.
        using var forger = factory.CreatePortalClient();
        await (await forger.SendAsync(RefreshWith(second[..^4] + "AAAA"))).ProblemAsync(HttpStatusCode.Unauthorized, "session-ended");
        await (await client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionServerSide()
    {
        var staff = await factory.CreateStaffAsync(factory.BuildingId, Role.Manager);
        using var client = await factory.SignInStaffAsync(staff);
        var sessions = await (await client.GetAsync("/api/auth/sessions")).JsonAsync(HttpStatusCode.OK);
        Assert.True(Assert.Single(sessions.EnumerateArray()).GetProperty("current").GetBoolean());

        var signOut = await client.PostAsync("/api/auth/sign-out");

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        await (await client.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await client.PostAsync("/api/auth/refresh")).ProblemAsync(HttpStatusCode.Unauthorized, "session-ended");
    }

    [Fact]
    public async Task EndSession_FromAnotherDevice_AndSignOutEverywhere()
    {
        var staff = await factory.CreateStaffAsync(factory.BuildingId, Role.Admin);
        using var laptop = await factory.SignInStaffAsync(staff);
        using var phone = await factory.SignInStaffAsync(staff);
        var sessions = await (await laptop.GetAsync("/api/auth/sessions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, sessions.GetArrayLength());
        var phoneSession = sessions.EnumerateArray().Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetString();

        var ended = await laptop.DeleteAsync(new Uri($"/api/auth/sessions/{phoneSession}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        await (await phone.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");

        using var tablet = await factory.SignInStaffAsync(staff);
        Assert.Equal(HttpStatusCode.NoContent, (await laptop.PostAsync("/api/auth/sign-out-everywhere")).StatusCode);
        await (await tablet.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task UnsafeRequest_WithoutCsrfHeaderOrFromAnotherOrigin_Refused()
    {
        using var bare = factory.CreatePortalClient(csrfHeaders: false);
        await (await bare.PostJsonAsync("/api/auth/sign-in", new { email = "a@example.test", password = "x" })).ProblemAsync(HttpStatusCode.Forbidden, "csrf");

        using var foreign = factory.CreatePortalClient(csrfHeaders: false);
        foreign.DefaultRequestHeaders.Add("X-Lda-Request", "1");
        foreign.DefaultRequestHeaders.Add("Origin", "https://evil.example");
        await (await foreign.PostJsonAsync("/api/auth/sign-in", new { email = "a@example.test", password = "x" })).ProblemAsync(HttpStatusCode.Forbidden, "csrf");
    }

    [Fact]
    public async Task Lock_BlocksEverythingButUnlockWhichNeedsThePassword()
    {
        var staff = await factory.CreateStaffAsync(factory.BuildingId, Role.FrontDesk);
        using var desk = await factory.SignInStaffAsync(staff);
        await (await desk.GetAsync($"/api/buildings/{factory.BuildingId}/units")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await desk.PostAsync("/api/auth/lock")).StatusCode);

        await (await desk.GetAsync($"/api/buildings/{factory.BuildingId}/units")).ProblemAsync(HttpStatusCode.Locked, "session-locked");
        await (await desk.PostJsonAsync("/api/auth/unlock", new { password = "not it" })).ProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(HttpStatusCode.NoContent, (await desk.PostJsonAsync("/api/auth/unlock", new { password = staff.Password })).StatusCode);
        await (await desk.GetAsync($"/api/buildings/{factory.BuildingId}/units")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OversizedBody_Refused413()
    {
        using var client = factory.CreatePortalClient();
        var body = new { email = "a@example.test", password = new string('x', 40_000) };

        await (await client.PostJsonAsync("/api/auth/sign-in", body)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "too-large");
    }

    private static HttpRequestMessage RefreshWith(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/auth/refresh", UriKind.Relative));
        request.Headers.Add("Cookie", "__Host-lda-rt=" + token);
        return request;
    }

    private static string RefreshCookieValue(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-lda-rt=", StringComparison.Ordinal)).Split(';')[0]["__Host-lda-rt=".Length..];
}
