using System.Net;
using System.Text.Json;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Access;
using MimeKit;

namespace LoftsDesArts.Api.Tests.Packages;

/// <summary>A resident registered through the API with a unit's code, email verified and signed in.</summary>
public sealed record TestResident(string UserId, string Email, string Name, string Unit, HttpClient Client);

/// <summary>Package journeys through the real HTTP API, shared by the package test classes.</summary>
public static class PackageJourneys
{
    /// <summary>A UPS number with a valid check digit (carrier detection tells UPS from it).</summary>
    public const string UpsTracking = "1Z999AA10123456784";

    public static string Desk(PortalFactory factory) => $"/api/buildings/{factory.BuildingId}/packages";

    public static string UnitPath(PortalFactory factory, string unit) => $"/api/buildings/{factory.BuildingId}/units/{unit}";

    /// <summary>A manager and a front-desk staff member, signed in.</summary>
    public static async Task<(HttpClient Manager, HttpClient Desk)> StaffAsync(this PortalFactory factory, params string[] units)
    {
        await factory.ImportUnitsAsync(factory.BuildingId, units);
        var manager = await factory.SignInStaffAsync(await factory.CreateStaffAsync(factory.BuildingId, Role.Manager));
        var desk = await factory.SignInStaffAsync(await factory.CreateStaffAsync(factory.BuildingId, Role.FrontDesk));
        return (manager, desk);
    }

    /// <summary>Registers with a code the manager issues (as the printed letter gives it), verifies the email, signs in.</summary>
    public static async Task<TestResident> RegisterResidentAsync(this PortalFactory factory, HttpClient manager, string unit, string name, string language = "fr", string relationship = "tenant")
    {
        var code = await PortalSession.IssueCodeAsync(manager, factory.BuildingId, unit);
        var email = $"{name.Split(' ')[0].ToLowerInvariant()}.{Guid.NewGuid():N}"[..20] + "@example.test";
        using var anonymous = factory.CreatePortalClient();
        var registered = await anonymous.PostJsonAsync("/api/registrations", new
        {
            buildingId = factory.BuildingId,
            unitNumber = unit,
            registrationCode = code,
            fullName = name,
            email,
            password = PortalSession.StrongPassword,
            language,
            relationship,
            acceptTerms = true,
            acceptPrivacy = true,
            termsVersion = Core.Legal.LegalDocuments.CurrentVersion,
            privacyVersion = Core.Legal.LegalDocuments.CurrentVersion,
        });
        await registered.JsonAsync(HttpStatusCode.Accepted);
        var client = await factory.VerifyAndSignInAsync(email);
        var account = await factory.AccountAsync(email);
        return new TestResident(account!.UserId, email, name, unit, client);
    }

    /// <summary>The body of a log request; anything not named takes the desk form's defaults.</summary>
    public static Dictionary<string, object?> LogBody(string? unit, string tracking, string? clientRequestId = null) => new()
    {
        ["clientRequestId"] = clientRequestId ?? Guid.NewGuid().ToString(),
        ["unitId"] = unit,
        ["trackingNumber"] = tracking,
        ["size"] = "small",
        ["flags"] = Array.Empty<string>(),
        ["location"] = "A3",
    };

    public static async Task<JsonElement> LogAsync(this HttpClient desk, PortalFactory factory, string unit, string? tracking = null, string size = "small", string? carrier = null)
    {
        var body = LogBody(unit, tracking ?? NewTracking());
        body["size"] = size;
        body["carrier"] = carrier;
        return await (await desk.PostJsonAsync(Desk(factory), body)).JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>A Canada Post–shaped 16-digit number, unique per call.</summary>
    public static string NewTracking() => string.Concat(Enumerable.Range(0, 16).Select(_ => (char)('0' + Random.Shared.Next(10))));

    public static string Id(this JsonElement package) => package.GetProperty("id").GetString()!;

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    /// <summary>A string property, null when absent or null (the API leaves nulls out).</summary>
    public static string? OptionalStr(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static List<JsonElement> Items(this JsonElement list) => [.. list.GetProperty("items").EnumerateArray()];

    /// <summary>The timeline's kinds, oldest first.</summary>
    public static List<string> TimelineKinds(this JsonElement package) =>
        [.. package.GetProperty("timeline").EnumerateArray().Select(e => e.Str("kind"))];

    /// <summary>Emails to <paramref name="to"/> whose subject contains <paramref name="subjectPart"/>.</summary>
    public static List<MimeMessage> EmailsTo(this PortalFactory factory, string to, string subjectPart) =>
        [.. factory.All().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase))
            && (m.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal))];

    /// <summary>Renews the access token with the refresh cookie, as the web app does after a quiet spell.</summary>
    public static async Task RefreshAsync(this HttpClient client) =>
        await (await client.PostAsync("/api/auth/refresh")).JsonAsync(HttpStatusCode.NoContent);
}
