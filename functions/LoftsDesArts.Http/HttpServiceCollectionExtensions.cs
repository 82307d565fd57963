using LoftsDesArts.Core.Audit;
using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Demo;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Residents;
using LoftsDesArts.Core.Scheduling;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Staff;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Throttling;
using LoftsDesArts.Core.Units;
using LoftsDesArts.Http.Identity;
using LoftsDesArts.Http.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoftsDesArts.Http;

public static class HttpServiceCollectionExtensions
{
    /// <summary>
    /// The shared HTTP surface and the use cases behind it, identical in both hosts. Hosts add the
    /// adapters: <see cref="IDocumentStore"/>, <see cref="ISigningKeySource"/>, email, real-time, and
    /// optionally <see cref="IEntraSignIn"/>.
    /// </summary>
    public static IServiceCollection AddApiSurface(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ApiSecurityOptions>().BindConfiguration(ApiSecurityOptions.SectionName);
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName);
        services.AddSingleton<ApiPipeline>();
        services.AddSingleton<IApiAuthenticator, SessionAuthenticator>();
        services.AddSingleton<MeReader>();
        services.AddSingleton<PortalLinks>();
        services.TryAddSingleton<IPublicOrigin, ConfiguredPublicOrigin>();

        // Shared mechanisms.
        services.AddSingleton<CounterStore>();
        services.AddSingleton<RequestBudget>();
        services.AddSingleton<ImportJobRunner>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<KeyRingCache>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<StateSealer>();

        // Identity.
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<PrincipalCache>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<TotpService>();
        services.AddSingleton<Accounts>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<VerificationIssuer>();
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<FirstAdminSetup>();
        services.TryAddSingleton<IEntraSignIn, EntraSignInNotConfigured>();
        services.AddSingleton<IFeedHandler, IdentityMailHandler>();
        services.AddSingleton<IFeedHandler, RegistrationNoticeHandler>();
        services.AddSingleton<IFeedHandler, SessionRealtimeHandler>();

        // Time-based maintenance, run by the scheduler in both hosts.
        services.AddSingleton<IScheduledJob>(sp => new NoticeRetryJob(Containers.Buildings, sp.GetRequiredService<NoticeDispatcher>()));
        services.AddSingleton<IScheduledJob>(sp => new NoticeRetryJob(Containers.Users, sp.GetRequiredService<NoticeDispatcher>()));
        services.AddSingleton<IScheduledJob, ImportRecoveryJob>();

        // Staff: invitations, roles, removals.
        services.AddSingleton<StaffService>();
        services.AddSingleton<StaffInvitations>();
        services.AddSingleton<IFeedHandler, StaffMailHandler>();
        services.AddSingleton<IFeedHandler, StaffAccessHandler>();

        // Buildings, units, registrations.
        services.AddSingleton<BuildingDirectoryCache>();
        services.AddSingleton<BuildingService>();
        services.AddSingleton<UnitService>();
        services.AddSingleton<RegistrationService>();
        services.AddSingleton<RegistrationCodeService>();
        services.AddSingleton<ResidentService>();
        services.AddSingleton<DemoBuildingSeeder>();

        // Packages: the desk, residents' preferences and pickup codes; pushes, emails, reminders.
        services.TryAddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(PackageOptions.SectionName).Get<PackageOptions>() ?? new PackageOptions());
        services.AddSingleton<PackageSettingsService>();
        services.AddSingleton<PackageReminders>();
        services.AddSingleton<PackageDesk>();
        services.AddSingleton<PackageLists>();
        services.AddSingleton<PickupCodes>();
        services.AddSingleton<PackagePreferencesService>();
        services.AddSingleton<IFeedHandler, PackagePushHandler>();
        services.AddSingleton<IFeedHandler, PackageMailHandler>();
        services.AddSingleton<IScheduledJob, ArrivalDigestJob>();
        services.AddSingleton<IScheduledJob, PackageReminderJob>();
        services.AddSingleton<IScheduledJob, PackagePhotoPurgeJob>();
        return services;
    }
}
