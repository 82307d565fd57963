using Azure.Core;
using Azure.Identity;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure.Email;

public static class AzureEmailServiceCollectionExtensions
{
    /// <summary>
    /// Email for the Azure host: <see cref="AcsEmailSender"/> (section <c>Email:Acs</c>: <c>Endpoint</c>,
    /// <c>SenderAddress</c>, <c>ManagedIdentityClientId</c>) as <see cref="IEmailSender"/>, its named
    /// HttpClient, a <see cref="TokenCredential"/> unless one is registered already (a user-assigned managed
    /// identity when <c>ManagedIdentityClientId</c> is set, otherwise <c>DefaultAzureCredential</c>), the
    /// <see cref="EmailRenderer"/> and the <see cref="NoticeDispatcher"/> (section <c>Notices</c>).
    /// </summary>
    public static IServiceCollection AddAzureEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AcsEmailOptions>().Bind(configuration.GetSection(AcsEmailOptions.SectionName));
        services.AddHttpClient(AcsEmailSender.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TokenCredential>(sp =>
        {
            var clientId = sp.GetRequiredService<IOptions<AcsEmailOptions>>().Value.ManagedIdentityClientId;
            return string.IsNullOrWhiteSpace(clientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        });
        services.AddSingleton<IEmailSender, AcsEmailSender>();

        services.TryAddSingleton<EmailRenderer>();
        services.TryAddSingleton(configuration.GetSection(NoticeOptions.SectionName).Get<NoticeOptions>() ?? new NoticeOptions());
        services.TryAddSingleton(sp => new NoticeDispatcher(
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<IEmailSender>(),
            sp.GetRequiredService<EmailRenderer>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<NoticeOptions>(),
            sp.GetRequiredService<ILogger<NoticeDispatcher>>()));
        return services;
    }
}
