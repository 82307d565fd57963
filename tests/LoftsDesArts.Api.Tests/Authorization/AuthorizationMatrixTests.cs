using LoftsDesArts.Http;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>
/// The authorization matrix (DESIGN §3.7, issue 2 B5): every route of the table, called by every kind of
/// caller with real sessions and real ids, on both hosts — the self-host over HTTP and the Functions app's
/// classes (see <see cref="FunctionsApi"/> for what the second proves and what it cannot). Each cell checks
/// the hand-written status of <see cref="AuthorizationMatrix"/>, that no id the caller may not see appears
/// in the answer (headers, body and the claims of any token in it), that no staff session is opened
/// without the second factor, that a refusal wrote nothing to the store, and the route's own checks on
/// its target (<see cref="MatrixRequests"/>).
/// </summary>
[Collection(AuthorizationCollection.Name)]
public sealed class AuthorizationMatrixTests(MatrixWorld world)
{
    public static TheoryData<string, string, CallerKind> Cases()
    {
        var data = new TheoryData<string, string, CallerKind>();
        foreach (var host in new[] { "self-host", "functions" })
        {
            foreach (var route in AuthorizationMatrix.Expected.Keys)
            {
                foreach (var caller in Enum.GetValues<CallerKind>())
                {
                    data.Add(host, route, caller);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Matrix_EveryRouteOfTheTable_HasAnExpectationAndARequest()
    {
        var routes = ApiRouteTable.All.Select(r => r.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(routes, AuthorizationMatrix.Expected.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(routes, MatrixRequests.All.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Functions_EveryRouteOfTheTable_HasAFunctionOfItsName()
    {
        var routes = ApiRouteTable.All.Select(r => r.Name).Order(StringComparer.Ordinal);

        Assert.Equal(routes, FunctionsApi.Functions.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Route_CalledByEachKindOfCaller_AnswersTheWrittenStatusAndNoForeignId(string host, string route, CallerKind kind)
    {
        var caller = world.Callers[kind];
        await world.EnsureMainSessionAsync(caller);
        var context = new CaseContext(world, caller, route, AuthorizationMatrix.For(route, kind));
        var request = await MatrixRequests.All[route](context);
        request = request with { Cookie = request.Cookie ?? context.Cookie, ClientAddress = caller.Address };
        Assert.Equal(route, FunctionsApi.RouteFor(request).Name);
        var before = context.Succeeds ? null : await SettledSnapshotAsync();

        var setCookies = new List<string>();
        var response = await world.Host(host).SendAsync(request, setCookies);

        var cell = $"{route} as {kind} on {host}";
        Assert.True(response.Status == context.Expected, $"{cell}: expected {context.Expected}, got {response}\n{(response.Status >= 500 ? world.Factory.RecentErrors() : "")}");
        var text = response.AllText + "\n" + MatrixRequests.DecodedTokens(response.AllText);
        foreach (var foreign in world.Ids.ForeignTo(context.Actor, route))
        {
            Assert.False(text.Contains(foreign.Value, StringComparison.Ordinal), $"{cell}: the answer holds {foreign.Kind} {foreign.Value} of {foreign.BuildingId ?? "no building"}:\n{text}");
        }

        var opened = world.RecordSessionFrom(setCookies, caller);
        if (caller.IsStaff && opened is not null && opened != context.SessionId)
        {
            Assert.True(route == "SignInTotp", $"{cell}: a staff session ({opened}) was opened without the second factor");
        }

        if (before is not null)
        {
            var changes = (await SettledSnapshotAsync()).ChangesSince(before);
            Assert.True(changes.Count == 0, $"{cell}: refused with {response.Status}, yet the store changed:\n{string.Join('\n', changes)}");
        }

        foreach (var check in context.Checks)
        {
            await check(response);
        }
    }

    /// <summary>The store once the pump has handled what earlier cells wrote (its reactions are not this cell's).</summary>
    private async Task<StoreSnapshot> SettledSnapshotAsync()
    {
        await world.SettleAsync();
        return await StoreSnapshot.TakeAsync(world.Factory.DataFolder);
    }
}
