using LoftsDesArts.Core.Operations;
using LoftsDesArts.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoftsDesArts.Core.Events;

public static class EventPumpServiceCollectionExtensions
{
    /// <summary>
    /// The host-independent part of the pump: <see cref="ChangeFeedPump"/>, <see cref="DeadLetters"/>,
    /// <see cref="Scheduler"/>, metrics, heartbeat and the <c>pump</c> readiness check. Features register
    /// their <see cref="IFeedHandler"/>s and <see cref="IScheduledJob"/>s; the host adds what runs the pump
    /// (<c>AddLocalEventPump</c>, <c>AddAzureEventPump</c>) and an <c>IDocumentStore</c>.
    /// </summary>
    public static IServiceCollection AddEventPump(this IServiceCollection services, Action<PumpOptions>? configure = null)
    {
        var options = new PumpOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<PumpMetrics>();
        services.AddSingleton<PumpHeartbeat>();
        services.AddSingleton<FeedHandlerInvoker>();
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<ChangeFeedPump>();
        services.AddSingleton<Scheduler>();
        services.AddSingleton<IReadinessCheck, PumpReadinessCheck>();
        return services;
    }
}
