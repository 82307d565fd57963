using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Http.Pipeline;
using LoftsDesArts.Testing.Events;

namespace LoftsDesArts.Api.Tests.Events;

/// <summary>
/// The dead-letter routes on the self-host, with dead letters made by the real background pump: the test
/// handler fails on the subjects a test marks broken. Each test uses its own subjects.
/// </summary>
public sealed class DeadLetterRoutesTests(PumpPortalFactory factory) : IClassFixture<PumpPortalFactory>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ListDeadLetters_ManagerOfTheBuilding_SeesOnlyThatBuildingsDeadLetters()
    {
        var ours = await DeadLetterAsync("b-1", "list-ours");
        var theirs = await DeadLetterAsync("b-2", "list-theirs");

        var list = await ListAsync("manager-b1", "b-1");

        var item = Assert.Single(list.EnumerateArray(), i => i.GetProperty("eventId").GetString() == ours.Id);
        Assert.Equal(DeadLetterDocument.IdFor("test-mail", ours.Id), item.GetProperty("id").GetString());
        Assert.Equal("test-mail", item.GetProperty("handler").GetString());
        Assert.Equal(KindOf("list-ours"), item.GetProperty("eventKind").GetString());
        Assert.Equal(3, item.GetProperty("attempts").GetInt32());
        Assert.Equal(typeof(InvalidOperationException).FullName, item.GetProperty("errorType").GetString());
        Assert.DoesNotContain(list.EnumerateArray(), i => i.GetProperty("eventId").GetString() == theirs.Id);
        Assert.Contains((await ListAsync("manager-b2", "b-2")).EnumerateArray(), i => i.GetProperty("eventId").GetString() == theirs.Id);
    }

    [Theory]
    [InlineData("frontdesk-b1", HttpStatusCode.Forbidden)]
    [InlineData("board-b1", HttpStatusCode.Forbidden)]
    [InlineData("resident-b1", HttpStatusCode.Forbidden)]
    [InlineData("manager-b2", HttpStatusCode.Forbidden)]
    [InlineData("", HttpStatusCode.Unauthorized)]
    [InlineData("admin-b1", HttpStatusCode.OK)]
    public async Task ListDeadLetters_ByCaller_OnlyOperatorsOfTheBuilding(string caller, HttpStatusCode expected)
    {
        using var client = Client(caller);

        var response = await client.GetAsync(new Uri("/api/buildings/b-1/dead-letters", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task RetryDeadLetter_HandlerWorksAgain_HandledAndGoneFromTheList()
    {
        var evt = await DeadLetterAsync("b-1", "retry-fixed");
        factory.SetBroken(evt.SubjectId, broken: false);
        using var client = Client("manager-b1");

        var response = await client.SendAsync(RetryRequest("b-1", DeadLetterDocument.IdFor("test-mail", evt.Id)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("handled", body.GetProperty("outcome").GetString());
        Assert.Equal(EventTexts.RetrySucceeded.Fr, body.GetProperty("message").GetString());
        Assert.Contains(evt.Id, factory.Handler.HandledIds);
        Assert.DoesNotContain((await ListAsync("manager-b1", "b-1")).EnumerateArray(), i => i.GetProperty("eventId").GetString() == evt.Id);
    }

    [Fact]
    public async Task RetryDeadLetter_StillFailing_FailedOutcomeInTheCallersLanguageAndKept()
    {
        var evt = await DeadLetterAsync("b-1", "retry-broken");
        using var client = Client("manager-b1-en");

        var response = await client.SendAsync(RetryRequest("b-1", DeadLetterDocument.IdFor("test-mail", evt.Id)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("failed", body.GetProperty("outcome").GetString());
        Assert.Equal(EventTexts.RetryFailed.En, body.GetProperty("message").GetString());
        Assert.Equal(6, body.GetProperty("deadLetter").GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task RetryDeadLetter_AnotherBuildingsDeadLetterThroughOurRoute_NotFound()
    {
        var theirs = await DeadLetterAsync("b-2", "retry-theirs");
        factory.SetBroken(theirs.SubjectId, broken: false);
        using var client = Client("manager-b1");

        var response = await client.SendAsync(RetryRequest("b-1", DeadLetterDocument.IdFor("test-mail", theirs.Id)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(theirs.Id, factory.Handler.HandledIds);
    }

    [Fact]
    public async Task RetryDeadLetter_WithoutTheCsrfHeader_Refused()
    {
        var evt = await DeadLetterAsync("b-1", "retry-csrf");
        factory.SetBroken(evt.SubjectId, broken: false);
        using var client = Client("manager-b1");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/buildings/b-1/dead-letters/{Uri.EscapeDataString(DeadLetterDocument.IdFor("test-mail", evt.Id))}/retry", UriKind.Relative));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(evt.Id, factory.Handler.HandledIds);
    }

    /// <summary>
    /// Writes an event the handler fails on and waits until the background pump has set it aside. The kind is
    /// unique to the subject, so the dead-letter count it waits for is this event's.
    /// </summary>
    private async Task<EventDocument> DeadLetterAsync(string buildingId, string subjectId)
    {
        using var metrics = new MeterCapture(factory.Metrics.Meter);
        factory.SetBroken(subjectId, broken: true);
        var evt = EventDocument.ForBuilding(buildingId, subjectId, KindOf(subjectId), factory.Clock.GetUtcNow());
        var deadLettered = metrics.WaitForAsync(m => m.Instrument == "lda.pump.dead_letters" && m.Tag("kind") == evt.Kind, HangGuard);

        await factory.Store.CreateAsync(Containers.Buildings, buildingId, evt.Id, evt, default);
        await deadLettered;

        return evt;
    }

    private static string KindOf(string subjectId) => "test." + subjectId;

    private async Task<JsonElement> ListAsync(string caller, string buildingId)
    {
        using var client = Client(caller);
        var body = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/buildings/{buildingId}/dead-letters", UriKind.Relative));
        return body.GetProperty("items");
    }

    private HttpClient Client(string caller)
    {
        var client = factory.CreateClient();
        if (caller.Length > 0)
        {
            client.DefaultRequestHeaders.Add(TestHeaderAuthenticator.Header, caller);
        }

        return client;
    }

    private static HttpRequestMessage RetryRequest(string buildingId, string deadLetterId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/buildings/{buildingId}/dead-letters/{Uri.EscapeDataString(deadLetterId)}/retry", UriKind.Relative));
        request.Headers.Add(ApiSecurityOptions.CsrfHeader, "1");
        request.Headers.Add("Origin", "http://localhost");
        return request;
    }
}
