using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

/// <summary>After "sign out everywhere", the account's live connections close too (DESIGN §4).</summary>
public sealed class SessionRealtimeHandler(IRealtimePublisher realtime) : IFeedHandler
{
    public string Name => "session-realtime";

    public ContainerSpec Container => Containers.Users;

    public bool Wants(string kind) => kind == IdentityEvents.SignedOutEverywhere;

    public Task HandleAsync(EventDocument evt, CancellationToken cancellationToken) =>
        realtime.CloseUserConnectionsAsync(evt.UserId!, cancellationToken);
}
