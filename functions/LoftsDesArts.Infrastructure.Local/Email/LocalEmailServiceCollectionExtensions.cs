using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Local.Email;

public static class LocalEmailServiceCollectionExtensions
{
    /// <summary>
    /// Email for the self-host: <see cref="SmtpEmailSender"/> when <c>Email:Smtp:Host</c> is set,
    /// otherwise <see cref="OutboxEmailSender"/> (the default, so a fresh machine works) as
    /// <see cref="IEmailSender"/>; plus the <see cref="EmailRenderer"/> and the
    /// <see cref="NoticeDispatcher"/> (configuration section <c>Notices</c>), which also needs an
    /// <see cref="Core.Storage.IDocumentStore"/>.
    /// </summary>
    public static IServiceCollection AddLocalEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalEmailOptions>().Bind(configuration.GetSection(LocalEmailOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        if (string.IsNullOrWhiteSpace(configuration[$"{LocalEmailOptions.SectionName}:Smtp:Host"]))
        {
            services.AddSingleton<OutboxEmailSender>(sp => new OutboxEmailSender(
                sp.GetRequiredService<IOptions<LocalEmailOptions>>(), configuration, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<OutboxEmailSender>());
        }
        else
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }

        services.AddNoticeDispatch(configuration);
        return services;
    }

    /// <summary>The renderer and the dispatcher, shared by both hosts' email registrations.</summary>
    internal static IServiceCollection AddNoticeDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<EmailRenderer>();
        services.TryAddSingleton(configuration.GetSection(NoticeOptions.SectionName).Get<NoticeOptions>() ?? new NoticeOptions());
        services.TryAddSingleton(sp => new NoticeDispatcher(
            sp.GetRequiredService<Core.Storage.IDocumentStore>(),
            sp.GetRequiredService<IEmailSender>(),
            sp.GetRequiredService<EmailRenderer>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<NoticeOptions>(),
            sp.GetRequiredService<ILogger<NoticeDispatcher>>()));
        return services;
    }
}
