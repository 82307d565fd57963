using System.Text;
using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Demo;
using LoftsDesArts.Core.Identity;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.SelfHost.Startup;

/// <summary>Set by <c>--demo</c> on the command line (section <c>Demo</c>).</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool Enabled { get; set; }
}

/// <summary>
/// First-start work of the self-host (DESIGN §5): with <c>--demo</c>, the synthetic building and its
/// accounts, whose sign-in details are printed once; without it, the configured building and a
/// single-use link to create the first administrator. Nothing here runs again once done.
/// </summary>
public sealed partial class PortalStartup(
    IOptions<DemoOptions> demo,
    IOptions<PortalOptions> portal,
    DemoBuildingSeeder seeder,
    BuildingService buildings,
    FirstAdminSetup setup,
    IPublicOrigin publicOrigin,
    IHostApplicationLifetime lifetime,
    ILogger<PortalStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string? message = null;
        if (demo.Value.Enabled)
        {
            var created = await seeder.EnsureAsync(portal.Value, cancellationToken).ConfigureAwait(false);
            if (created.Created)
            {
                message = DemoMessage(created);
            }
            else
            {
                LogDemoPresent(logger);
            }
        }
        else
        {
            await buildings.EnsureAsync(portal.Value.BuildingId, portal.Value.BuildingName, portal.Value.BuildingAddress, cancellationToken).ConfigureAwait(false);
            if (await setup.IssueTokenIfNeededAsync(cancellationToken).ConfigureAwait(false) is { } token)
            {
                message = "__SETUP__" + token;
            }
        }

        if (message is not null)
        {
            // Printed to the console only, never to the logs (which may be shipped elsewhere), once the
            // server knows its addresses so the links are complete.
            lifetime.ApplicationStarted.Register(() => Console.Out.Write(Render(message)));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private string Render(string message)
    {
        var origin = publicOrigin.Origin;
        if (!message.StartsWith("__SETUP__", StringComparison.Ordinal))
        {
            return message.Replace("{origin}", origin, StringComparison.Ordinal);
        }

        var token = message["__SETUP__".Length..];
        return $"""

            ================================================================================
             Lofts des Arts — configuration initiale / first-time setup
             Créez le premier compte administrateur (lien à usage unique) :
             Create the first administrator account (single-use link):
               {origin}/fr/configuration?jeton={token}
               {origin}/en/setup?token={token}
            ================================================================================

            """;
    }

    private static string DemoMessage(DemoBuilding demo)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("================================================================================");
        text.AppendLine(" Immeuble de démonstration / demo building — Lofts des Arts (données fictives / synthetic data)");
        text.AppendLine(" Portail / portal: {origin}");
        text.AppendLine(" Ces accès ne s'affichent qu'une fois. / These sign-in details are shown only once.");
        text.AppendLine(" (Supprimez le dossier de données pour recommencer. / Delete the data folder to start over.)");
        text.AppendLine("--------------------------------------------------------------------------------");
        foreach (var account in demo.Accounts)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $" {account.Label}{(account.UnitNumber is null ? string.Empty : $" — unité / unit {account.UnitNumber}")}");
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"   courriel / email : {account.Email}");
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"   mot de passe / password : {account.Password}");
            if (account.TotpSecret is not null)
            {
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"   clé TOTP / TOTP key : {account.TotpSecret}  (application d'authentification / authenticator app)");
            }
        }

        if (demo.RegistrationCode is not null)
        {
            text.AppendLine("--------------------------------------------------------------------------------");
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $" Code d'inscription / registration code — unité / unit {demo.RegistrationCodeUnit} : {demo.RegistrationCode}");
        }

        text.AppendLine(" Courriels / emails: the .eml outbox in the data folder (data/outbox) unless SMTP is configured.");
        text.AppendLine("================================================================================");
        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo building already present; its sign-in details were printed when it was created.")]
    private static partial void LogDemoPresent(ILogger logger);
}
