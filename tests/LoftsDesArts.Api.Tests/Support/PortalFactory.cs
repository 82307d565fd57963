using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Units;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Api.Tests.Support;

/// <summary>A staff account created for a test, with what it takes to sign in.</summary>
public sealed record TestStaff(string UserId, string Email, string Password, string TotpSecret, string BuildingId, Role Role);

/// <summary>
/// The self-host in-process, with its real local adapters on a temporary data folder that is deleted
/// afterwards. One instance per test class (IClassFixture). Intent methods set up what a test needs
/// through the same services the portal uses.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string Origin = "https://localhost";

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "lda-tests", Guid.NewGuid().ToString("N"));

    public string BuildingId => Services.GetRequiredService<IOptions<PortalOptions>>().Value.BuildingId;

    /// <summary>A client that keeps cookies (over https, so Secure cookies flow) and sends the CSRF header and Origin.</summary>
    public virtual HttpClient CreatePortalClient(bool csrfHeaders = true)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(Origin), HandleCookies = true, AllowAutoRedirect = false });
        if (csrfHeaders)
        {
            client.DefaultRequestHeaders.Add("X-Lda-Request", "1");
            client.DefaultRequestHeaders.Add("Origin", Origin);
        }

        client.DefaultRequestHeaders.Add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36");
        return client;
    }

    /// <summary>A second building, for isolation tests.</summary>
    public Task<BuildingDocument> AddBuildingAsync(string buildingId, string name) =>
        Services.GetRequiredService<BuildingService>().EnsureAsync(buildingId, name, "1, rue Exemple, Montréal (Québec) H0H 0H0", CancellationToken.None);

    /// <summary>Imports the units not on the roster yet (test classes share one portal).</summary>
    public async Task ImportUnitsAsync(string buildingId, params string[] numbers)
    {
        var store = Services.GetRequiredService<Core.Storage.IDocumentStore>();
        var missing = new List<string>();
        foreach (var number in numbers)
        {
            if (await store.ReadAsync<UnitDocument>(Core.Storage.Containers.Buildings, buildingId, UnitDocument.IdFor(number), CancellationToken.None) is null)
            {
                missing.Add(number);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        numbers = [.. missing];
        var csv = "number,floor,type\n" + string.Join("\n", numbers.Select(n => $"{n},{(n.Length >= 3 && char.IsDigit(n[0]) ? n[..^2] : "10")},residential"));
        var result = await Services.GetRequiredService<UnitService>().ImportAsync(buildingId, csv, "test", CancellationToken.None);
        Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors.Select(e => $"{e.Row}:{e.Field}:{e.Message.En}")));
    }

    public async Task<TestStaff> CreateStaffAsync(string buildingId, Role role, string? email = null)
    {
        email ??= $"{role.ToString().ToLowerInvariant()}.{Guid.NewGuid():N}@staff.example.test";
        var password = "Staff-Passphrase-" + Guid.NewGuid().ToString("N")[..12];
        var totp = TotpService.NewEnrolment(email);
        var account = await Services.GetRequiredService<StaffAccounts>().CreateAsync(
            new NewStaffAccount(email, $"Test {role}", password, Language.Fr, buildingId, role, totp.Secret), CancellationToken.None);
        return new TestStaff(account.UserId, account.Email, password, totp.Secret, buildingId, role);
    }

    public string TotpCode(string secret) => Services.GetRequiredService<TotpService>().CurrentCode(secret);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataFolder", DataFolder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
