using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LoftsDesArts.Api.Tests.Support;

namespace LoftsDesArts.Api.Tests.Health;

public sealed class HealthTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task GetHealth_Anonymous_Ok()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("ok", body!["status"].ToString());
    }

    [Fact]
    public async Task GetReadiness_StoreInitializedAtStartup_Ready()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/api/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("checks").GetProperty("store").GetProperty("ready").GetBoolean());
        Assert.True(File.Exists(Path.Combine(factory.DataFolder, "portal.db")));
    }
}
