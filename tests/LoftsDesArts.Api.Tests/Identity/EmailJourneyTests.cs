using System.Net;
using System.Web;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Access;

namespace LoftsDesArts.Api.Tests.Identity;

/// <summary>
/// The emails of identity through the real pipeline: request → event → change-feed pump → handler →
/// notice → outbox, then the link or code used as a person would.
/// </summary>
public sealed class EmailJourneyTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private HttpClient _manager = null!;

    public async Task InitializeAsync()
    {
        await factory.ImportUnitsAsync(factory.BuildingId, "401", "402", "403", "404");
        _manager = await factory.SignInStaffAsync(await factory.CreateStaffAsync(factory.BuildingId, Role.Manager));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Register_VerificationEmailInFrench_CodeVerifiesAndSignsIn()
    {
        var code = await PortalSession.IssueCodeAsync(_manager, factory.BuildingId, "401");
        using var client = factory.CreatePortalClient();
        await (await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "401", "eloise@example.test", code))).JsonAsync(HttpStatusCode.Accepted);

        var email = await factory.WaitForAsync("eloise@example.test");

        Assert.Equal("Confirmez votre adresse courriel", email.Subject);
        Assert.Contains("/fr/verifier?jeton=", email.Link().ToString(), StringComparison.Ordinal);
        var verified = await (await client.PostJsonAsync("/api/auth/verify-email", new { email = "eloise@example.test", code = email.Code() })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("signed-in", verified.GetProperty("status").GetString());
        var me = await (await client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.True(me.GetProperty("emailVerified").GetBoolean());
    }

    [Fact]
    public async Task Register_InEnglish_LinkVerifiesOnceOnly()
    {
        var code = await PortalSession.IssueCodeAsync(_manager, factory.BuildingId, "402");
        using var client = factory.CreatePortalClient();
        await (await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "402", "mia@example.test", code, language: "en"))).JsonAsync(HttpStatusCode.Accepted);

        var email = await factory.WaitForAsync("mia@example.test");
        Assert.Equal("Confirm your email address", email.Subject);
        var token = HttpUtility.ParseQueryString(email.Link().Query)["token"];

        await (await client.PostJsonAsync("/api/auth/verify-email", new { token })).JsonAsync(HttpStatusCode.OK);
        using var again = factory.CreatePortalClient();
        await (await again.PostJsonAsync("/api/auth/verify-email", new { token })).ProblemAsync(HttpStatusCode.BadRequest, "verification-invalid");
    }

    [Fact]
    public async Task ExistingAddress_OwnerIsToldAndNobodyElseSignedIn()
    {
        var code = await PortalSession.IssueCodeAsync(_manager, factory.BuildingId, "403");
        using var client = factory.CreatePortalClient();
        await (await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "403", "owner.of.address@example.test", code))).JsonAsync(HttpStatusCode.Accepted);
        await factory.WaitForAsync("owner.of.address@example.test", m => m.Subject == "Confirmez votre adresse courriel");

        await (await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "403", "owner.of.address@example.test", code))).JsonAsync(HttpStatusCode.Accepted);

        var notice = await factory.WaitForAsync("owner.of.address@example.test", m => m.Subject != "Confirmez votre adresse courriel");
        Assert.Contains("/fr/mot-de-passe-oublie", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgotPassword_ResetLinkSetsPasswordEndsSessionsAndNotifies()
    {
        var code = await PortalSession.IssueCodeAsync(_manager, factory.BuildingId, "404");
        using var client = factory.CreatePortalClient();
        await (await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "404", "felix@example.test", code))).JsonAsync(HttpStatusCode.Accepted);
        var verify = await factory.WaitForAsync("felix@example.test");
        await (await client.PostJsonAsync("/api/auth/verify-email", new { email = "felix@example.test", code = verify.Code() })).JsonAsync(HttpStatusCode.OK);

        using var anonymous = factory.CreatePortalClient();
        await (await anonymous.PostJsonAsync("/api/auth/password/forgot", new { email = "felix@example.test" })).JsonAsync(HttpStatusCode.Accepted);
        await (await anonymous.PostJsonAsync("/api/auth/password/forgot", new { email = "nobody.here@example.test" })).JsonAsync(HttpStatusCode.Accepted);
        var reset = await factory.WaitForAsync("felix@example.test", m => (m.TextBody ?? string.Empty).Contains("/fr/reinitialiser?jeton=", StringComparison.Ordinal));
        var token = HttpUtility.ParseQueryString(reset.Link().Query)["jeton"];
        const string NewPassword = "a new long passphrase for Félix 2026";

        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostJsonAsync("/api/auth/password/reset", new { token, newPassword = NewPassword })).StatusCode);

        await (await client.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await anonymous.PostJsonAsync("/api/auth/sign-in", new { email = "felix@example.test", password = PortalSession.StrongPassword })).ProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        await (await anonymous.PostJsonAsync("/api/auth/sign-in", new { email = "felix@example.test", password = NewPassword })).JsonAsync(HttpStatusCode.OK);
        var changed = await factory.WaitForAsync("felix@example.test", m => (m.Subject ?? string.Empty).Contains("mot de passe", StringComparison.OrdinalIgnoreCase) && !(m.TextBody ?? string.Empty).Contains("reinitialiser", StringComparison.Ordinal));
        Assert.NotNull(changed);
        Assert.DoesNotContain(factory.All(), m => m.To.Mailboxes.Any(b => b.Address == "nobody.here@example.test"));
    }

    [Fact]
    public async Task SignInCode_EmailedCodeSignsIn()
    {
        var staff = await factory.CreateStaffAsync(factory.BuildingId, Role.Board);
        using var client = factory.CreatePortalClient();

        await (await client.PostJsonAsync("/api/auth/sign-in/code/request", new { email = staff.Email })).JsonAsync(HttpStatusCode.Accepted);
        var email = await factory.WaitForAsync(staff.Email);

        var signedIn = await (await client.PostJsonAsync("/api/auth/sign-in/code", new { email = staff.Email, code = email.Code() })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("totp-required", signedIn.GetProperty("status").GetString());
    }
}
