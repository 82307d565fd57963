using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure;

public static class AzureEventPumpServiceCollectionExtensions
{
    /// <summary>
    /// Azure's pump: <see cref="EventPumpServiceCollectionExtensions.AddEventPump"/> with a heartbeat shared
    /// through the store (the timer runs on one instance) and a 60 s readiness limit, and the
    /// <see cref="QueueNudgeSignal"/> that the document store raises after each commit. Configuration:
    /// <c>Storage__QueueServiceUri</c> (managed identity <c>AZURE_CLIENT_ID</c>, or the system identity
    /// when unset) or <c>Storage__ConnectionString</c>, and <c>Storage__PumpNudgeQueue</c> (default <c>pump-nudge</c>).
    /// The function app's <c>PumpFunctions</c> run the drain.
    /// </summary>
    public static IServiceCollection AddAzureEventPump(this IServiceCollection services, IConfiguration configuration, Action<PumpOptions>? configurePump = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddEventPump(pump =>
        {
            pump.ReadyWithin = TimeSpan.FromSeconds(60);
            pump.SharedHeartbeat = true;
            configurePump?.Invoke(pump);
        });
        services.AddOptions<PumpNudgeOptions>().Bind(configuration.GetSection(PumpNudgeOptions.SectionName));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PumpNudgeOptions>>().Value;
            return new QueueNudgeSignal(
                CreateQueueClient(options, configuration["AZURE_CLIENT_ID"]),
                options.CoalesceInterval,
                sp.GetRequiredService<PumpMetrics>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<QueueNudgeSignal>>());
        });
        services.AddSingleton<IChangeSignal>(sp => sp.GetRequiredService<QueueNudgeSignal>());
        return services;
    }

    /// <summary>
    /// The nudge queue's client: base64 messages (what the Functions queue trigger decodes), the service
    /// version Azurite 3.37 also speaks, few and short retries (a lost nudge only waits for the timer).
    /// </summary>
    public static QueueClient CreateQueueClient(PumpNudgeOptions options, string? managedIdentityClientId)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06)
        {
            MessageEncoding = QueueMessageEncoding.Base64,
        };
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new QueueClient(options.ConnectionString, options.PumpNudgeQueue, clientOptions);
        }

        if (options.QueueServiceUri is null)
        {
            throw new InvalidOperationException(
                $"Set {PumpNudgeOptions.SectionName}__QueueServiceUri (or {PumpNudgeOptions.SectionName}__ConnectionString) for the pump nudge queue.");
        }

        TokenCredential credential = string.IsNullOrWhiteSpace(managedIdentityClientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId));
        return new QueueServiceClient(options.QueueServiceUri, credential, clientOptions).GetQueueClient(options.PumpNudgeQueue);
    }
}
