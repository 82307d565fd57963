using System.Net;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoftsDesArts.Api.Tests.Support;

/// <summary>Journeys through the real HTTP API, shared by the test classes.</summary>
public static class PortalSession
{
    public const string StrongPassword = "correct horse battery staple 42";

    public static async Task<HttpClient> SignInStaffAsync(this PortalFactory factory, TestStaff staff)
    {
        var client = factory.CreatePortalClient();
        var first = await client.PostJsonAsync("/api/auth/sign-in", new { email = staff.Email, password = staff.Password });
        var body = await first.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("totp-required", body.GetProperty("status").GetString());
        var second = await client.PostJsonAsync("/api/auth/sign-in/totp", new { code = factory.TotpCode(staff.TotpSecret) });
        var signedIn = await second.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("signed-in", signedIn.GetProperty("status").GetString());
        return client;
    }

    public static object Registration(string buildingId, string unit, string email, string? code = null, string password = StrongPassword, string language = "fr") => new
    {
        buildingId,
        unitNumber = unit,
        registrationCode = code,
        fullName = "Zoé Tremblay",
        email,
        password,
        language,
        relationship = "owner",
        acceptTerms = true,
        acceptPrivacy = true,
        termsVersion = Core.Legal.LegalDocuments.CurrentVersion,
        privacyVersion = Core.Legal.LegalDocuments.CurrentVersion,
    };

    /// <summary>Issues a code through the API as a manager, as the printable letter would show it.</summary>
    public static async Task<string> IssueCodeAsync(HttpClient manager, string buildingId, string unit, int maxUses = 4)
    {
        var response = await manager.PostJsonAsync($"/api/buildings/{buildingId}/units/{unit}/registration-codes", new { maxUses });
        var body = await response.JsonAsync(HttpStatusCode.Created);
        return body.GetProperty("code").GetString()!;
    }

    /// <summary>
    /// Verifies an address with a freshly issued six-digit code — the same issuer the verification
    /// email uses — and returns the signed-in client.
    /// </summary>
    public static async Task<HttpClient> VerifyAndSignInAsync(this PortalFactory factory, string email)
    {
        var account = await factory.Services.GetRequiredService<Accounts>().FindByEmailAsync(email, CancellationToken.None);
        Assert.NotNull(account);

        // A code is issued per purpose per account: the pump's verification email for the registration
        // must go out first, or its code would replace this one (seen under load as verification-invalid).
        await factory.SettleAsync();
        var material = await factory.Services.GetRequiredService<VerificationIssuer>().IssueEmailVerificationAsync(account.Value.UserId, null, CancellationToken.None);
        var client = factory.CreatePortalClient();
        var response = await client.PostJsonAsync("/api/auth/verify-email", new { email, code = material.Code });
        await response.JsonAsync(HttpStatusCode.OK);
        return client;
    }

    public static async Task<UserAccount?> AccountAsync(this PortalFactory factory, string email) =>
        (await factory.Services.GetRequiredService<Accounts>().FindByEmailAsync(email, CancellationToken.None))?.Value;

    /// <summary>Lets the change-feed pump handle every event written so far (drains until every range is idle).</summary>
    public static async Task SettleAsync(this PortalFactory factory)
    {
        var pump = factory.Services.GetRequiredService<ChangeFeedPump>();
        for (var round = 1; ; round++)
        {
            var report = await pump.DrainAsync(CancellationToken.None);
            if (report.Ranges.All(r => r.Outcome == DrainOutcome.Idle))
            {
                return;
            }

            Assert.True(round < 1500, "the pump did not settle: " + string.Join(", ", report.Ranges.Select(r => $"{r.Handler}/{r.FeedRange}={r.Outcome}")));
            await Task.Delay(10);
        }
    }

    public static IDocumentStore Store(this PortalFactory factory) => factory.Services.GetRequiredService<IDocumentStore>();
}
