using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local.Events;
using Microsoft.Extensions.DependencyInjection;

namespace LoftsDesArts.Infrastructure.Local;

public static class LocalEventPumpServiceCollectionExtensions
{
    /// <summary>
    /// The self-host's pump: <see cref="EventPumpServiceCollectionExtensions.AddEventPump"/> (readiness within
    /// 30 s), the <see cref="LocalChangeSignal"/> that the SQLite store raises after each commit, and the
    /// <see cref="LocalEventPumpService"/> that runs the pump, the scheduler and the purge. Needs
    /// <c>AddLocalDocumentStore</c>.
    /// </summary>
    public static IServiceCollection AddLocalEventPump(
        this IServiceCollection services, Action<LocalPumpOptions>? configure = null, Action<PumpOptions>? configurePump = null)
    {
        var options = new LocalPumpOptions();
        configure?.Invoke(options);
        services.AddEventPump(pump =>
        {
            pump.ReadyWithin = TimeSpan.FromSeconds(30);
            configurePump?.Invoke(pump);
        });
        services.AddSingleton(options);
        services.AddSingleton<LocalChangeSignal>();
        services.AddSingleton<IChangeSignal>(sp => sp.GetRequiredService<LocalChangeSignal>());
        services.AddHostedService<LocalEventPumpService>();
        return services;
    }
}
