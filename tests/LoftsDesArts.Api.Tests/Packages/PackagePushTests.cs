using System.Net;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LoftsDesArts.Api.Tests.Packages;

/// <summary>
/// Live updates of the package pages: residents connect as the web app does (a signed-in session negotiates
/// through <c>POST /api/negotiate</c>, then the hub over WebSockets with the short-lived token), and the
/// desk's log reaches the unit's residents through the pump's push handler, not another unit's.
/// </summary>
public sealed class PackagePushTests(PackagePortalFactory factory) : IClassFixture<PackagePortalFactory>
{
    [Fact]
    public async Task Log_ForUnit_ItsResidentReceivesPackageChanged_AnotherUnitsResidentDoesNot()
    {
        var (manager, desk) = await factory.StaffAsync("504", "505");
        var resident = await factory.RegisterResidentAsync(manager, "504", "Camille Tremblay");
        var neighbour = await factory.RegisterResidentAsync(manager, "505", "Samuel Côté");
        await using var mine = await ConnectAsync(resident.Client);
        await using var theirs = await ConnectAsync(neighbour.Client);
        await mine.WaitUntilInGroupAsync(Publisher, resident.UserId, RealtimeGroups.Unit(factory.BuildingId, "504"));
        await theirs.WaitUntilInGroupAsync(Publisher, neighbour.UserId, RealtimeGroups.Unit(factory.BuildingId, "505"));

        var logged = await desk.LogAsync(factory, "504");

        var push = await mine.NextAsync();
        Assert.Equal("package.changed", push.Kind);
        Assert.Equal(logged.Id(), push.Ids["packageId"]);
        Assert.Equal(("504", factory.BuildingId), (push.Ids["unitId"], push.Ids["buildingId"]));
        var marker = new RealtimeMessage("test.marker", new Dictionary<string, string> { ["n"] = Guid.NewGuid().ToString("N") });
        await Publisher.SendToUserAsync(neighbour.UserId, marker, CancellationToken.None);
        var next = await theirs.NextAsync();
        Assert.Equal(("test.marker", marker.Ids["n"]), (next.Kind, next.Ids["n"]));
    }

    private IRealtimePublisher Publisher => factory.Services.GetRequiredService<IRealtimePublisher>();

    private async Task<HubPushClient> ConnectAsync(HttpClient session)
    {
        var negotiated = await (await session.PostAsync("/api/negotiate?negotiateVersion=1")).JsonAsync(HttpStatusCode.OK);
        var hub = new Uri(negotiated.Str("url") + "?access_token=" + Uri.EscapeDataString(negotiated.Str("accessToken")));
        var connection = new HubConnectionBuilder()
            .WithUrl(hub, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                    await factory.Server.CreateWebSocketClient().ConnectAsync(context.Uri, cancellationToken);
            })
            .Build();
        return await HubPushClient.StartAsync(connection);
    }
}
