using System.Net;
using System.Text;
using System.Text.Json;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Storage;
using LoftsDesArts.Testing.Storage;
using Microsoft.Azure.Cosmos;
using Moq;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Storage;

/// <summary>
/// The mock lane: the adapter against a mocked SDK (Moq over <see cref="Container"/>, <see cref="FeedIterator"/>,
/// <see cref="TransactionalBatch"/> and its response), for what cosmosdb-server cannot do: a real 404 on a
/// read, 429, the query paging protocol, the batch and the change feed, and container set-up.
/// </summary>
public sealed class CosmosDocumentStoreMockTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ContainerSpec Buildings = Containers.Buildings;

    // ---------------------------------------------------------------- reads and writes

    [Fact]
    public async Task ReadAsync_NotFound_ReturnsNull()
    {
        var cosmos = new CosmosMocks();
        cosmos.Buildings.Setup(c => c.ReadItemStreamAsync("a", new PartitionKey("b1"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Response(HttpStatusCode.NotFound));

        Assert.Null(await cosmos.Store.ReadAsync<ContractItem>(Buildings, "b1", "a", None));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "1003")] // The container (owner resource) does not exist.
    [InlineData(HttpStatusCode.InternalServerError, null)] // What cosmosdb-server answers for a missing item.
    [InlineData(HttpStatusCode.ServiceUnavailable, null)]
    public async Task ReadAsync_OtherFailure_ThrowsCosmosExceptionNeverNull(HttpStatusCode status, string? subStatus)
    {
        var cosmos = new CosmosMocks();
        var headers = subStatus is null ? [] : new[] { ("x-ms-substatus", subStatus) };
        cosmos.Buildings.Setup(c => c.ReadItemStreamAsync("a", new PartitionKey("b1"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Response(status, null, headers));

        var ex = await Assert.ThrowsAsync<CosmosException>(() => cosmos.Store.ReadAsync<ContractItem>(Buildings, "b1", "a", None));

        Assert.Equal(status, ex.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_Item_ValueWithoutSystemPropertiesAndItsETag()
    {
        var cosmos = new CosmosMocks();
        cosmos.Buildings.Setup(c => c.ReadItemStreamAsync("a", new PartitionKey("b1"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => CosmosMocks.Response(HttpStatusCode.OK, CosmosMocks.Item("b1", "a", "\"e1\"", ",\"name\":\"Zoé\",\"at\":\"2025-11-02T05:30:05.007Z\"")));

        var typed = await cosmos.Store.ReadAsync<ContractItem>(Buildings, "b1", "a", None);
        var raw = await cosmos.Store.ReadAsync<JsonElement>(Buildings, "b1", "a", None);

        Assert.Equal("\"e1\"", typed!.ETag);
        Assert.Equal("Zoé", typed.Value.Name);
        Assert.Equal(new DateTimeOffset(2025, 11, 2, 5, 30, 5, 7, TimeSpan.Zero), typed.Value.At);
        Assert.Equal(["id", "type", "buildingId", "name", "at"], raw!.Value.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task CreateAsync_SendsTheStoreJsonBodyOnceAndReturnsTheETag()
    {
        var cosmos = new CosmosMocks();
        var item = new ContractItem { Id = "a", BuildingId = "b1", Name = "Zoé", Color = ContractColor.DeepBlue, At = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)) };
        byte[]? sent = null;
        ItemRequestOptions? options = null;
        cosmos.Buildings.Setup(c => c.CreateItemStreamAsync(It.IsAny<Stream>(), new PartitionKey("b1"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Callback((Stream body, PartitionKey _, ItemRequestOptions o, CancellationToken _) => (sent, options) = (((MemoryStream)body).ToArray(), o))
            .ReturnsAsync(CosmosMocks.Response(HttpStatusCode.Created, null, ("etag", "\"e1\"")));

        var created = await cosmos.Store.CreateAsync(Buildings, "b1", "a", item, None);

        Assert.Equal("\"e1\"", created.ETag);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(item, StoreJson.Options), sent);
        Assert.Contains("\"at\":\"2025-01-02T08:04:05.000Z\"", Encoding.UTF8.GetString(sent!), StringComparison.Ordinal);
        Assert.Null(options!.IfMatchEtag);
        Assert.False(options.EnableContentResponseOnWrite);
    }

    [Fact]
    public async Task ReplaceUpsertDelete_PassTheIfMatchETag()
    {
        var cosmos = new CosmosMocks();
        var item = new ContractItem { Id = "a", BuildingId = "b1" };
        var seen = new List<string?>();
        cosmos.Buildings.Setup(c => c.ReplaceItemStreamAsync(It.IsAny<Stream>(), "a", new PartitionKey("b1"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Callback((Stream _, string _, PartitionKey _, ItemRequestOptions o, CancellationToken _) => seen.Add(o.IfMatchEtag))
            .ReturnsAsync(() => CosmosMocks.Response(HttpStatusCode.OK, null, ("etag", "\"e2\"")));
        cosmos.Buildings.Setup(c => c.UpsertItemStreamAsync(It.IsAny<Stream>(), new PartitionKey("b1"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Callback((Stream _, PartitionKey _, ItemRequestOptions o, CancellationToken _) => seen.Add(o.IfMatchEtag))
            .ReturnsAsync(() => CosmosMocks.Response(HttpStatusCode.OK, null, ("etag", "\"e3\"")));
        cosmos.Buildings.Setup(c => c.DeleteItemStreamAsync("a", new PartitionKey("b1"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Callback((string _, PartitionKey _, ItemRequestOptions o, CancellationToken _) => seen.Add(o.IfMatchEtag))
            .ReturnsAsync(() => CosmosMocks.Response(HttpStatusCode.NoContent));

        Assert.Equal("\"e2\"", (await cosmos.Store.ReplaceAsync(Buildings, "b1", "a", item, "\"e1\"", None)).ETag);
        Assert.Equal("\"e3\"", (await cosmos.Store.UpsertAsync(Buildings, "b1", "a", item, "\"e2\"", None)).ETag);
        await cosmos.Store.UpsertAsync(Buildings, "b1", "a", item, null, None);
        await cosmos.Store.DeleteAsync(Buildings, "b1", "a", "\"e3\"", None);

        Assert.Equal(["\"e1\"", "\"e2\"", null, "\"e3\""], seen);
    }

    public static TheoryData<BatchOperationKind, HttpStatusCode, StoreFailure> MappedWriteFailures => new()
    {
        { BatchOperationKind.Create, HttpStatusCode.Conflict, StoreFailure.Conflict },
        { BatchOperationKind.Replace, HttpStatusCode.PreconditionFailed, StoreFailure.PreconditionFailed },
        { BatchOperationKind.Upsert, HttpStatusCode.PreconditionFailed, StoreFailure.PreconditionFailed },
        { BatchOperationKind.Delete, HttpStatusCode.PreconditionFailed, StoreFailure.PreconditionFailed },
        { BatchOperationKind.Replace, HttpStatusCode.NotFound, StoreFailure.NotFound },
        { BatchOperationKind.Delete, HttpStatusCode.NotFound, StoreFailure.NotFound },
        { BatchOperationKind.Create, HttpStatusCode.TooManyRequests, StoreFailure.Throttled },
    };

    [Theory]
    [MemberData(nameof(MappedWriteFailures))]
    public async Task Write_FailureStatus_MapsToStoreFailure(BatchOperationKind kind, HttpStatusCode status, StoreFailure expected)
    {
        var cosmos = new CosmosMocks();
        SetupWrite(cosmos.Buildings, kind, CosmosMocks.Response(status));

        var ex = await Assert.ThrowsAsync<StoreException>(() => Write(cosmos.Store, kind));

        Assert.Equal(expected, ex.Failure);
        Assert.Null(ex.OperationIndex);
    }

    [Theory]
    [InlineData(BatchOperationKind.Create, HttpStatusCode.NotFound, null)] // A create cannot miss its item: the container is missing.
    [InlineData(BatchOperationKind.Replace, HttpStatusCode.NotFound, "1003")]
    [InlineData(BatchOperationKind.Upsert, HttpStatusCode.InternalServerError, null)]
    [InlineData(BatchOperationKind.Replace, HttpStatusCode.BadRequest, null)]
    public async Task Write_OtherFailure_CosmosException(BatchOperationKind kind, HttpStatusCode status, string? subStatus)
    {
        var cosmos = new CosmosMocks();
        SetupWrite(cosmos.Buildings, kind, CosmosMocks.Response(status, null, subStatus is null ? [] : [("x-ms-substatus", subStatus)]));

        var ex = await Assert.ThrowsAsync<CosmosException>(() => Write(cosmos.Store, kind));

        Assert.Equal(status, ex.StatusCode);
    }

    [Fact]
    public async Task Write_Throttled_RetryAfterFromTheService()
    {
        var cosmos = new CosmosMocks();
        SetupWrite(cosmos.Buildings, BatchOperationKind.Upsert, CosmosMocks.Response(HttpStatusCode.TooManyRequests, null, ("x-ms-retry-after-ms", "1500")));

        var ex = await Assert.ThrowsAsync<StoreException>(() => Write(cosmos.Store, BatchOperationKind.Upsert));

        Assert.Equal(StoreFailure.Throttled, ex.Failure);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), ex.RetryAfter);
    }

    [Fact]
    public async Task Write_RefusedBeforeCosmos_ArgumentException()
    {
        var cosmos = new CosmosMocks(); // Strict mocks: any call to Cosmos would fail the test.
        var audit = new AuditProbe { Id = "e1", Partition = "b1:2025-03", Ttl = 60 };

        await Assert.ThrowsAsync<ArgumentException>(() => cosmos.Store.CreateAsync(Containers.Audit, "b1:2025-03", "e1", audit, None));
        await Assert.ThrowsAsync<ArgumentException>(() => cosmos.Store.CreateAsync(Buildings, "b1", "a/b", new ContractItem { Id = "a/b", BuildingId = "b1" }, None));
        await Assert.ThrowsAsync<ArgumentException>(() => cosmos.Store.CreateAsync(Buildings, "b1", "a", new ContractItem { Id = "a", BuildingId = "b2" }, None));
        await Assert.ThrowsAsync<ArgumentException>(() => cosmos.Store.CreateAsync(Buildings, "b1", "a", new ContractItem { Id = "a", BuildingId = "b1", Ttl = 0 }, None));
    }

    [Fact]
    public async Task Write_AuditWithTtlMinusOne_Accepted()
    {
        var cosmos = new CosmosMocks();
        cosmos.Container("audit").Setup(c => c.CreateItemStreamAsync(It.IsAny<Stream>(), new PartitionKey("b1:2025-03"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Response(HttpStatusCode.Created, null, ("etag", "\"e\"")));

        var created = await cosmos.Store.CreateAsync(Containers.Audit, "b1:2025-03", "e1", new AuditProbe { Id = "e1", Partition = "b1:2025-03", Ttl = -1 }, None);

        Assert.Equal("\"e\"", created.ETag);
    }

    [Fact]
    public async Task Write_Signals_OnlyAfterSuccessAndAListenerFailureIsNotTheWritersProblem()
    {
        var recorded = new List<string>();
        var cosmos = new CosmosMocks(false, new Signal(c => recorded.Add(c.Name)), new Signal(_ => throw new InvalidOperationException("listener broke")));
        cosmos.Buildings.SetupSequence(c => c.CreateItemStreamAsync(It.IsAny<Stream>(), new PartitionKey("b1"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Response(HttpStatusCode.Created, null, ("etag", "\"e\"")))
            .ReturnsAsync(CosmosMocks.Response(HttpStatusCode.Conflict));

        await cosmos.Store.CreateAsync(Buildings, "b1", "a", new ContractItem { Id = "a", BuildingId = "b1" }, None);
        await Assert.ThrowsAsync<StoreException>(() => cosmos.Store.CreateAsync(Buildings, "b1", "a", new ContractItem { Id = "a", BuildingId = "b1" }, None));

        Assert.Equal(["buildings"], recorded);
    }

    // ---------------------------------------------------------------- queries

    [Fact]
    public async Task QueryAsync_SinglePartition_PartitionKeyMaxItemCountAndBoundQuery()
    {
        var cosmos = new CosmosMocks();
        var calls = SetupQuery(cosmos.Buildings, CosmosMocks.Page(null, CosmosMocks.Item("b1", "x", "\"e\"", ",\"status\":\"open\"")));

        var page = await cosmos.Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, "b1", new QueryArgs { ["status"] = "open" }, 10, null, None);

        var call = Assert.Single(calls);
        Assert.Equal(new CosmosQuery(ContractQueries.ByStatus).Text, call.Query.QueryText);
        Assert.Equal(("@f0", (object)"open"), call.Query.GetQueryParameters()[1]);
        Assert.Equal(new PartitionKey("b1"), call.Options.PartitionKey);
        Assert.Equal(10, call.Options.MaxItemCount);
        Assert.Null(call.Token);
        Assert.Equal("x", Assert.Single(page.Items).Value.Id);
        Assert.Equal("\"e\"", page.Items[0].ETag);
        Assert.Null(page.Continuation);
    }

    [Fact]
    public async Task QueryAsync_CrossPartition_NoPartitionKeyOnTheRequest()
    {
        var cosmos = new CosmosMocks();
        var calls = SetupQuery(cosmos.Buildings, CosmosMocks.Page(null, CosmosMocks.Item("b1", "x", "\"e\""), CosmosMocks.Item("b2", "x", "\"f\"")));

        var page = await cosmos.Store.QueryAsync<ContractItem>(ContractQueries.AllByStatus, null, new QueryArgs { ["status"] = "open" }, 10, null, None);

        Assert.Null(Assert.Single(calls).Options.PartitionKey);
        Assert.Equal(["b1", "b2"], page.Items.Select(i => i.Value.BuildingId));
    }

    [Fact]
    public async Task QueryAsync_PartitionKeyMismatchWithSpec_ArgumentExceptionWithoutCallingCosmos()
    {
        var cosmos = new CosmosMocks();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => cosmos.Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, null, new QueryArgs { ["status"] = "open" }, 10, null, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => cosmos.Store.QueryAsync<ContractItem>(ContractQueries.AllByStatus, "b1", new QueryArgs { ["status"] = "open" }, 10, null, None));
    }

    [Fact]
    public async Task QueryAsync_ShortPagesWithToken_ReadsOnForTheRemainderUntilFull()
    {
        var cosmos = new CosmosMocks();
        var calls = SetupQuery(
            cosmos.Buildings,
            CosmosMocks.Page("t1", CosmosMocks.Item("b1", "a", "\"1\"")),
            CosmosMocks.Page("t2"),
            CosmosMocks.Page(null, CosmosMocks.Item("b1", "b", "\"2\""), CosmosMocks.Item("b1", "c", "\"3\"")));

        var page = await cosmos.Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, "b1", new QueryArgs { ["status"] = "open" }, 3, null, None);

        Assert.Equal(["a", "b", "c"], page.Items.Select(i => i.Value.Id));
        Assert.Equal([(null, 3), ("t1", 2), ("t2", 2)], calls.Select(c => (c.Token, c.Options.MaxItemCount)));
        Assert.Null(page.Continuation);
    }

    [Fact]
    public async Task QueryAsync_FullPageAndMoreFollow_ContinuationWrapsTheSdkToken()
    {
        var cosmos = new CosmosMocks();
        var calls = SetupQuery(
            cosmos.Buildings,
            CosmosMocks.Page("t1", CosmosMocks.Item("b1", "a", "\"1\""), CosmosMocks.Item("b1", "b", "\"2\"")),
            CosmosMocks.Page("t2", CosmosMocks.Item("b1", "c", "\"3\"")), // The look-ahead: one item exists after t1.
            CosmosMocks.Page(null, CosmosMocks.Item("b1", "c", "\"3\"")));

        var first = await cosmos.Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, "b1", new QueryArgs { ["status"] = "open" }, 2, null, None);
        var second = await cosmos.Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, "b1", new QueryArgs { ["status"] = "open" }, 2, first.Continuation, None);

        Assert.Equal(["a", "b"], first.Items.Select(i => i.Value.Id));
        Assert.NotNull(first.Continuation);
        Assert.Equal([(null, 2), ("t1", 1), ("t1", 2)], calls.Select(c => (c.Token, c.Options.MaxItemCount)));
        Assert.Equal(["c"], second.Items.Select(i => i.Value.Id));
        Assert.Null(second.Continuation);
    }

    [Fact]
    public async Task CountAsync_EmptyAndPartialPages_SummedFromTheCountQueryInThePartition()
    {
        var cosmos = new CosmosMocks();
        var iterator = new Mock<FeedIterator>();
        iterator.SetupSequence(i => i.HasMoreResults).Returns(true).Returns(true).Returns(true).Returns(false);
        iterator.SetupSequence(i => i.ReadNextAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Page("t1"))
            .ReturnsAsync(CosmosMocks.Response(HttpStatusCode.OK, "{\"_rid\":\"r\",\"Documents\":[3],\"_count\":1}"))
            .ReturnsAsync(CosmosMocks.Response(HttpStatusCode.OK, "{\"_rid\":\"r\",\"Documents\":[4],\"_count\":1}"));
        QueryCall? call = null;
        cosmos.Buildings.Setup(c => c.GetItemQueryStreamIterator(It.IsAny<QueryDefinition>(), It.IsAny<string>(), It.IsAny<QueryRequestOptions>()))
            .Returns((QueryDefinition query, string? token, QueryRequestOptions options) =>
            {
                call = new QueryCall(query, token, options);
                return iterator.Object;
            });

        var count = await cosmos.Store.CountAsync(ContractQueries.ByStatus, "b1", new QueryArgs { ["status"] = "open" }, None);

        Assert.Equal(7, count);
        Assert.StartsWith("SELECT VALUE COUNT(1) FROM c WHERE ", call!.Query.QueryText, StringComparison.Ordinal);
        Assert.DoesNotContain("ORDER BY", call.Query.QueryText, StringComparison.Ordinal);
        Assert.Equal(new PartitionKey("b1"), call.Options.PartitionKey);
        Assert.Null(call.Token);
    }

    [Fact]
    public async Task QueryAsync_FullPageAndNothingFollows_NoContinuation()
    {
        var cosmos = new CosmosMocks();
        var calls = SetupQuery(
            cosmos.Buildings,
            CosmosMocks.Page("t1", CosmosMocks.Item("b1", "a", "\"1\""), CosmosMocks.Item("b1", "b", "\"2\"")),
            CosmosMocks.Page("t2"), // Cosmos gave a token without looking ahead; the ranges after it are empty.
            CosmosMocks.Page(null));

        var page = await cosmos.Store.QueryAsync<ContractItem>(ContractQueries.AllByStatus, null, new QueryArgs { ["status"] = "open" }, 2, null, None);

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.Continuation);
        Assert.Equal([null, "t1", "t2"], calls.Select(c => c.Token));
    }

    [Fact]
    public async Task QueryAsync_FullPageThenEmptyRanges_ContinuationFromThePageThatHasTheNextItem()
    {
        var cosmos = new CosmosMocks();
        var calls = SetupQuery(
            cosmos.Buildings,
            CosmosMocks.Page("t1", CosmosMocks.Item("b1", "a", "\"1\"")),
            CosmosMocks.Page("t2"),
            CosmosMocks.Page("t3", CosmosMocks.Item("b2", "a", "\"2\"")),
            CosmosMocks.Page(null, CosmosMocks.Item("b2", "a", "\"2\"")));

        var first = await cosmos.Store.QueryAsync<ContractItem>(ContractQueries.AllByStatus, null, new QueryArgs { ["status"] = "open" }, 1, null, None);
        var second = await cosmos.Store.QueryAsync<ContractItem>(ContractQueries.AllByStatus, null, new QueryArgs { ["status"] = "open" }, 1, first.Continuation, None);

        Assert.Equal([null, "t1", "t2", "t2"], calls.Select(c => c.Token));
        Assert.Equal("b2", Assert.Single(second.Items).Value.BuildingId);
    }

    [Fact]
    public async Task QueryAsync_ContinuationOfAnotherQueryOrGarbage_ArgumentExceptionWithoutCallingCosmos()
    {
        var cosmos = new CosmosMocks();
        SetupQuery(
            cosmos.Buildings,
            CosmosMocks.Page("t1", CosmosMocks.Item("b1", "a", "\"1\"")),
            CosmosMocks.Page(null, CosmosMocks.Item("b1", "b", "\"2\"")));
        var first = await cosmos.Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, "b1", new QueryArgs { ["status"] = "open" }, 1, null, None);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => cosmos.Store.QueryAsync<ContractItem>(ContractQueries.ByStatusRankDescending, "b1", new QueryArgs { ["status"] = "open" }, 1, first.Continuation, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => cosmos.Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, "b1", new QueryArgs { ["status"] = "open" }, 1, "not a token", None));
        cosmos.Buildings.Verify(c => c.GetItemQueryStreamIterator(It.IsAny<QueryDefinition>(), It.IsAny<string>(), It.IsAny<QueryRequestOptions>()), Times.Exactly(2));
    }

    [Fact]
    public async Task QueryAsync_CosmosRefusesTheToken_ArgumentException()
    {
        var cosmos = new CosmosMocks();
        SetupQuery(
            cosmos.Buildings,
            CosmosMocks.Page("t1", CosmosMocks.Item("b1", "a", "\"1\"")),
            CosmosMocks.Page(null, CosmosMocks.Item("b1", "b", "\"2\"")),
            CosmosMocks.Response(HttpStatusCode.BadRequest));
        var first = await cosmos.Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, "b1", new QueryArgs { ["status"] = "open" }, 1, null, None);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => cosmos.Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, "b1", new QueryArgs { ["status"] = "open" }, 1, first.Continuation, None));
    }

    [Fact]
    public async Task QueryAsync_Throttled_ThrottledWithRetryAfter()
    {
        var cosmos = new CosmosMocks();
        SetupQuery(cosmos.Buildings, CosmosMocks.Response(HttpStatusCode.TooManyRequests, null, ("x-ms-retry-after-ms", "250")));

        var ex = await Assert.ThrowsAsync<StoreException>(() => cosmos.Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, "b1", new QueryArgs { ["status"] = "open" }, 5, null, None));

        Assert.Equal(StoreFailure.Throttled, ex.Failure);
        Assert.Equal(TimeSpan.FromMilliseconds(250), ex.RetryAfter);
    }

    [Fact]
    public async Task QueryAsync_UnindexedOrderBy_CosmosExceptionNotAnEmptyPage()
    {
        var cosmos = new CosmosMocks();
        SetupQuery(cosmos.Buildings, CosmosMocks.Response(HttpStatusCode.BadRequest));

        var ex = await Assert.ThrowsAsync<CosmosException>(() => cosmos.Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, "b1", new QueryArgs { ["status"] = "open" }, 5, null, None));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
    }

    // ---------------------------------------------------------------- batch

    [Fact]
    public async Task ExecuteBatchAsync_AllSucceed_OperationsInOrderWithIfMatchAndETags()
    {
        var cosmos = new CosmosMocks();
        var (batch, recorded) = SetupBatch(cosmos.Buildings, "b1");
        var response = BatchResponse(HttpStatusCode.OK, (HttpStatusCode.Created, "\"1\""), (HttpStatusCode.OK, "\"2\""), (HttpStatusCode.OK, "\"3\""), (HttpStatusCode.NoContent, null));
        batch.Setup(b => b.ExecuteAsync(It.IsAny<CancellationToken>())).ReturnsAsync(response);

        var etags = await cosmos.Store.ExecuteBatchAsync(Buildings, "b1",
        [
            BatchOperation.Create("new", new ContractItem { Id = "new", BuildingId = "b1" }),
            BatchOperation.Replace("old", new ContractItem { Id = "old", BuildingId = "b1", Name = "x" }, "\"e0\""),
            BatchOperation.Upsert("up", new ContractItem { Id = "up", BuildingId = "b1" }),
            BatchOperation.Delete("gone", "\"e9\""),
        ], None);

        Assert.Equal(["\"1\"", "\"2\"", "\"3\"", ""], etags);
        Assert.Equal(
            [("create", null, null), ("replace", "old", "\"e0\""), ("upsert", null, null), ("delete", "gone", "\"e9\"")],
            recorded.Select(r => (r.Kind, r.Id, r.IfMatch)));
        Assert.Equal(JsonSerializer.Serialize(new ContractItem { Id = "old", BuildingId = "b1", Name = "x" }, StoreJson.Options), recorded[1].Body);
        Assert.All(recorded, r => Assert.False(r.ContentResponse));
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, StoreFailure.Conflict, 2)]
    [InlineData(HttpStatusCode.PreconditionFailed, StoreFailure.PreconditionFailed, 1)]
    [InlineData(HttpStatusCode.NotFound, StoreFailure.NotFound, 3)]
    public async Task ExecuteBatchAsync_OneFails_IndexOfTheOperationThatIsNot424(HttpStatusCode status, StoreFailure failure, int failing)
    {
        var cosmos = new CosmosMocks();
        var (batch, _) = SetupBatch(cosmos.Buildings, "b1");
        var results = Enumerable.Range(0, 4).Select(i => (i == failing ? status : HttpStatusCode.FailedDependency, (string?)null)).ToArray();
        batch.Setup(b => b.ExecuteAsync(It.IsAny<CancellationToken>())).ReturnsAsync(BatchResponse(status, results));

        var ex = await Assert.ThrowsAsync<StoreException>(() => cosmos.Store.ExecuteBatchAsync(Buildings, "b1",
        [
            BatchOperation.Create("a", new ContractItem { Id = "a", BuildingId = "b1" }),
            BatchOperation.Replace("b", new ContractItem { Id = "b", BuildingId = "b1" }, "\"e\""),
            BatchOperation.Create("c", new ContractItem { Id = "c", BuildingId = "b1" }),
            BatchOperation.Delete("d"),
        ], None));

        Assert.Equal(failure, ex.Failure);
        Assert.Equal(failing, ex.OperationIndex);
    }

    [Fact]
    public async Task ExecuteBatchAsync_Throttled_ThrottledWithRetryAfter()
    {
        var cosmos = new CosmosMocks();
        var (batch, _) = SetupBatch(cosmos.Buildings, "b1");
        batch.Setup(b => b.ExecuteAsync(It.IsAny<CancellationToken>())).ReturnsAsync(BatchResponse(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(2)));

        var ex = await Assert.ThrowsAsync<StoreException>(() => cosmos.Store.ExecuteBatchAsync(Buildings, "b1", [BatchOperation.Delete("a")], None));

        Assert.Equal(StoreFailure.Throttled, ex.Failure);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
    }

    [Fact]
    public async Task ExecuteBatchAsync_OtherFailure_CosmosException()
    {
        var cosmos = new CosmosMocks();
        var (batch, _) = SetupBatch(cosmos.Buildings, "b1");
        batch.Setup(b => b.ExecuteAsync(It.IsAny<CancellationToken>())).ReturnsAsync(BatchResponse(HttpStatusCode.RequestEntityTooLarge, (HttpStatusCode.RequestEntityTooLarge, null)));

        var ex = await Assert.ThrowsAsync<CosmosException>(() => cosmos.Store.ExecuteBatchAsync(Buildings, "b1", [BatchOperation.Delete("a")], None));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, ex.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(IDocumentStore.MaxBatchOperations + 1)]
    public async Task ExecuteBatchAsync_EmptyOrOverTheLimit_ArgumentExceptionWithoutCallingCosmos(int count)
    {
        var cosmos = new CosmosMocks();
        var operations = Enumerable.Range(0, count).Select(i => BatchOperation.Delete($"i{i}")).ToList();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => cosmos.Store.ExecuteBatchAsync(Buildings, "b1", operations, None));
    }

    // ---------------------------------------------------------------- change feed

    [Fact]
    public async Task GetFeedRangesAsync_EachRangeAsItsJson()
    {
        var cosmos = new CosmosMocks();
        var ranges = new[] { FeedRange.FromPartitionKey(new PartitionKey("b1")), FeedRange.FromPartitionKey(new PartitionKey("b2")) };
        cosmos.Buildings.Setup(c => c.GetFeedRangesAsync(It.IsAny<CancellationToken>())).ReturnsAsync(ranges);

        var result = await cosmos.Store.GetFeedRangesAsync(Buildings, None);

        Assert.Equal(ranges.Select(r => r.ToJsonString()), result);
        Assert.Equal(ranges[1].ToJsonString(), FeedRange.FromJsonString(result[1]).ToJsonString());
    }

    [Fact]
    public async Task ReadChangesAsync_NoContinuation_FromTheBeginningOfTheRangeInLatestVersionMode()
    {
        var cosmos = new CosmosMocks();
        var range = FeedRange.FromPartitionKey(new PartitionKey("b1")).ToJsonString();
        var calls = SetupChangeFeed(cosmos.Buildings, CosmosMocks.Page("c1", CosmosMocks.Item("b1", "a", "\"1\"")));

        await cosmos.Store.ReadChangesAsync(Buildings, range, null, 7, None);

        var (start, mode, options) = Assert.Single(calls);
        Assert.Equal("ChangeFeedStartFromBeginning", start.GetType().Name);
        Assert.Equal(range, ((FeedRange)CosmosMocks.Internal(start, "FeedRange")!).ToJsonString());
        Assert.Equal(ChangeFeedMode.LatestVersion.GetType(), mode.GetType());
        Assert.Equal(7, options.PageSizeHint);
    }

    [Fact]
    public async Task ReadChangesAsync_WithContinuation_FromThatToken()
    {
        var cosmos = new CosmosMocks();
        var calls = SetupChangeFeed(cosmos.Buildings, CosmosMocks.Page("c2", CosmosMocks.Item("b1", "a", "\"1\"")));

        await cosmos.Store.ReadChangesAsync(Buildings, FeedRange.FromPartitionKey(new PartitionKey("b1")).ToJsonString(), "c1", 10, None);

        var (start, _, _) = Assert.Single(calls);
        Assert.Equal("ChangeFeedStartFromContinuation", start.GetType().Name);
        Assert.Equal("c1", CosmosMocks.Internal(start, "Continuation"));
    }

    [Fact]
    public async Task ReadChangesAsync_Changes_DocumentsWithPartitionKeyETagCleanBodyAndTheNewContinuation()
    {
        var cosmos = new CosmosMocks();
        SetupChangeFeed(cosmos.Buildings, CosmosMocks.Page("c2", CosmosMocks.Item("b1", "a", "\"1\"", ",\"name\":\"v3\""), CosmosMocks.Item("b2", "b", "\"2\"")));

        var page = await cosmos.Store.ReadChangesAsync(Buildings, FeedRange.FromPartitionKey(new PartitionKey("b1")).ToJsonString(), "c1", 10, None);

        Assert.Equal([("b1", "a", "\"1\""), ("b2", "b", "\"2\"")], page.Items.Select(c => (c.PartitionKey, c.Id, c.ETag)));
        Assert.Equal("v3", page.Items[0].Deserialize<ContractItem>().Name);
        Assert.Equal(ContractItem.DocumentType, page.Items[0].Type);
        Assert.DoesNotContain(page.Items[0].Body.EnumerateObject(), p => p.Name.StartsWith('_'));
        Assert.Equal("c2", page.Continuation);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("c1")]
    public async Task ReadChangesAsync_NotModified_EmptyPageKeepsTheContinuation(string? continuation)
    {
        var cosmos = new CosmosMocks();
        SetupChangeFeed(cosmos.Buildings, CosmosMocks.Response(HttpStatusCode.NotModified, null, ("x-ms-continuation", "c-other"), ("etag", "\"lsn-5\"")));

        var page = await cosmos.Store.ReadChangesAsync(Buildings, FeedRange.FromPartitionKey(new PartitionKey("b1")).ToJsonString(), continuation, 10, None);

        Assert.Empty(page.Items);
        Assert.Equal(continuation, page.Continuation);
    }

    [Fact]
    public async Task ReadChangesAsync_Throttled_ThrottledWithRetryAfter()
    {
        var cosmos = new CosmosMocks();
        SetupChangeFeed(cosmos.Buildings, CosmosMocks.Response(HttpStatusCode.TooManyRequests, null, ("x-ms-retry-after-ms", "40")));

        var ex = await Assert.ThrowsAsync<StoreException>(() => cosmos.Store.ReadChangesAsync(Buildings, FeedRange.FromPartitionKey(new PartitionKey("b1")).ToJsonString(), "c1", 10, None));

        Assert.Equal(StoreFailure.Throttled, ex.Failure);
        Assert.Equal(TimeSpan.FromMilliseconds(40), ex.RetryAfter);
    }

    [Fact]
    public async Task ReadChangesAsync_NotAFeedRange_ArgumentException()
    {
        var cosmos = new CosmosMocks();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => cosmos.Store.ReadChangesAsync(Buildings, "0", null, 10, None));
    }

    // ---------------------------------------------------------------- initialization

    [Fact]
    public async Task Initialize_CreateContainers_DatabaseAndEveryContainerWithTtlAndCompositeIndexes()
    {
        var cosmos = new CosmosMocks(createContainers: true);
        var created = SetupCreateContainers(cosmos, HttpStatusCode.Created, _ => null);

        await cosmos.Store.InitializeAsync(NamedQueries.All, None);

        Assert.Equal(Containers.All.Select(c => c.Name), created.Select(p => p.Id));
        Assert.All(created, p => Assert.Equal(Containers.All.Single(c => c.Name == p.Id).PartitionKeyPath, p.PartitionKeyPath));
        Assert.Null(created.Single(p => p.Id == "audit").DefaultTimeToLive);
        Assert.All(created.Where(p => p.Id != "audit"), p => Assert.Equal(-1, p.DefaultTimeToLive));
        var wanted = CosmosIndexing.CompositeIndexes(NamedQueries.All)["buildings"];
        var buildingIndexes = created.Single(p => p.Id == "buildings").IndexingPolicy.CompositeIndexes.Select(i => i.Select(p => p.Path).ToList()).ToList();
        Assert.Equal(wanted.Count, buildingIndexes.Count);
        Assert.All(wanted, w => Assert.Contains(buildingIndexes, i => i.SequenceEqual(w)));
        Assert.Contains(buildingIndexes, i => i.SequenceEqual(["/type", "/updatedAt", "/id", "/buildingId"]));
    }

    [Fact]
    public async Task Initialize_CreateContainers_ExistingContainerLackingAnIndex_PolicyReplaced()
    {
        var cosmos = new CosmosMocks(createContainers: true);
        SetupCreateContainers(cosmos, HttpStatusCode.OK, spec => CosmosIndexing.ContainerProperties(spec, []));
        var replaced = new List<ContainerProperties>();
        cosmos.Buildings.Setup(c => c.ReplaceContainerAsync(It.IsAny<ContainerProperties>(), It.IsAny<ContainerRequestOptions>(), It.IsAny<CancellationToken>()))
            .Callback((ContainerProperties p, ContainerRequestOptions _, CancellationToken _) => replaced.Add(p))
            .ReturnsAsync(Mock.Of<ContainerResponse>());

        await cosmos.Store.InitializeAsync(ContractQueries.All, None);

        var buildings = Assert.Single(replaced);
        Assert.Equal(CosmosIndexing.CompositeIndexes(ContractQueries.All)["buildings"].Count, buildings.IndexingPolicy.CompositeIndexes.Count);
    }

    [Fact]
    public async Task Initialize_CheckOnly_MissingContainerAndIndex_ThrowsNamingThemAndCreatesNothing()
    {
        var cosmos = new CosmosMocks(createContainers: false);
        foreach (var spec in Containers.All)
        {
            var container = cosmos.Container(spec.Name);
            if (spec.Name == "users")
            {
                container.Setup(c => c.ReadContainerAsync(It.IsAny<ContainerRequestOptions>(), It.IsAny<CancellationToken>()))
                    .ThrowsAsync(new CosmosException("missing", HttpStatusCode.NotFound, 0, "a", 1));
                continue;
            }

            var response = new Mock<ContainerResponse>();
            response.SetupGet(r => r.Resource).Returns(CosmosIndexing.ContainerProperties(spec, []));
            container.Setup(c => c.ReadContainerAsync(It.IsAny<ContainerRequestOptions>(), It.IsAny<CancellationToken>())).ReturnsAsync(response.Object);
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => cosmos.Store.InitializeAsync(NamedQueries.All, None));

        Assert.Contains("users: the container does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("buildings: composite index (/type, /updatedAt, /id, /buildingId)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("infra/cosmos-indexes.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_TwoDifferentQueriesWithOneName_ArgumentException()
    {
        var cosmos = new CosmosMocks();
        var clash = ContractQueries.ByStatus with { OrderBy = new QuerySort("name") };

        await Assert.ThrowsAsync<ArgumentException>(() => cosmos.Store.InitializeAsync([ContractQueries.ByStatus, clash], None));
    }

    // ---------------------------------------------------------------- helpers

    private static Task Write(CosmosDocumentStore store, BatchOperationKind kind)
    {
        var item = new ContractItem { Id = "a", BuildingId = "b1" };
        return kind switch
        {
            BatchOperationKind.Create => store.CreateAsync(Buildings, "b1", "a", item, None),
            BatchOperationKind.Replace => store.ReplaceAsync(Buildings, "b1", "a", item, "\"e\"", None),
            BatchOperationKind.Upsert => store.UpsertAsync(Buildings, "b1", "a", item, "\"e\"", None),
            _ => store.DeleteAsync(Buildings, "b1", "a", "\"e\"", None),
        };
    }

    private static void SetupWrite(Mock<Container> container, BatchOperationKind kind, ResponseMessage response)
    {
        var key = new PartitionKey("b1");
        switch (kind)
        {
            case BatchOperationKind.Create:
                container.Setup(c => c.CreateItemStreamAsync(It.IsAny<Stream>(), key, It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>())).ReturnsAsync(response);
                break;
            case BatchOperationKind.Replace:
                container.Setup(c => c.ReplaceItemStreamAsync(It.IsAny<Stream>(), "a", key, It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>())).ReturnsAsync(response);
                break;
            case BatchOperationKind.Upsert:
                container.Setup(c => c.UpsertItemStreamAsync(It.IsAny<Stream>(), key, It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>())).ReturnsAsync(response);
                break;
            default:
                container.Setup(c => c.DeleteItemStreamAsync("a", key, It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>())).ReturnsAsync(response);
                break;
        }
    }

    private sealed record QueryCall(QueryDefinition Query, string? Token, QueryRequestOptions Options);

    /// <summary>Each iterator the store opens answers the next page, in order.</summary>
    private static List<QueryCall> SetupQuery(Mock<Container> container, params ResponseMessage[] pages)
    {
        var calls = new List<QueryCall>();
        var next = new Queue<ResponseMessage>(pages);
        container.Setup(c => c.GetItemQueryStreamIterator(It.IsAny<QueryDefinition>(), It.IsAny<string>(), It.IsAny<QueryRequestOptions>()))
            .Returns((QueryDefinition query, string? token, QueryRequestOptions options) =>
            {
                calls.Add(new QueryCall(query, token, options));
                return CosmosMocks.Iterator(next.Dequeue());
            });
        return calls;
    }

    private static List<(ChangeFeedStartFrom Start, ChangeFeedMode Mode, ChangeFeedRequestOptions Options)> SetupChangeFeed(Mock<Container> container, ResponseMessage page)
    {
        var calls = new List<(ChangeFeedStartFrom, ChangeFeedMode, ChangeFeedRequestOptions)>();
        container.Setup(c => c.GetChangeFeedStreamIterator(It.IsAny<ChangeFeedStartFrom>(), It.IsAny<ChangeFeedMode>(), It.IsAny<ChangeFeedRequestOptions>()))
            .Returns((ChangeFeedStartFrom start, ChangeFeedMode mode, ChangeFeedRequestOptions options) =>
            {
                calls.Add((start, mode, options));
                return CosmosMocks.Iterator(page);
            });
        return calls;
    }

    private sealed record RecordedOperation(string Kind, string? Id, string? IfMatch, string? Body, bool? ContentResponse);

    private static (Mock<TransactionalBatch> Batch, List<RecordedOperation> Recorded) SetupBatch(Mock<Container> container, string partitionKey)
    {
        var batch = new Mock<TransactionalBatch>(MockBehavior.Strict);
        var recorded = new List<RecordedOperation>();
        static string Read(Stream s) => Encoding.UTF8.GetString(((MemoryStream)s).ToArray());
        batch.Setup(b => b.CreateItemStream(It.IsAny<Stream>(), It.IsAny<TransactionalBatchItemRequestOptions>()))
            .Callback((Stream s, TransactionalBatchItemRequestOptions o) => recorded.Add(new("create", null, o.IfMatchEtag, Read(s), o.EnableContentResponseOnWrite)))
            .Returns(() => batch.Object);
        batch.Setup(b => b.ReplaceItemStream(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<TransactionalBatchItemRequestOptions>()))
            .Callback((string id, Stream s, TransactionalBatchItemRequestOptions o) => recorded.Add(new("replace", id, o.IfMatchEtag, Read(s), o.EnableContentResponseOnWrite)))
            .Returns(() => batch.Object);
        batch.Setup(b => b.UpsertItemStream(It.IsAny<Stream>(), It.IsAny<TransactionalBatchItemRequestOptions>()))
            .Callback((Stream s, TransactionalBatchItemRequestOptions o) => recorded.Add(new("upsert", null, o.IfMatchEtag, Read(s), o.EnableContentResponseOnWrite)))
            .Returns(() => batch.Object);
        batch.Setup(b => b.DeleteItem(It.IsAny<string>(), It.IsAny<TransactionalBatchItemRequestOptions>()))
            .Callback((string id, TransactionalBatchItemRequestOptions o) => recorded.Add(new("delete", id, o.IfMatchEtag, null, o.EnableContentResponseOnWrite)))
            .Returns(() => batch.Object);
        container.Setup(c => c.CreateTransactionalBatch(new PartitionKey(partitionKey))).Returns(batch.Object);
        return (batch, recorded);
    }

    private static TransactionalBatchResponse BatchResponse(HttpStatusCode status, params (HttpStatusCode Status, string? ETag)[] results) =>
        BatchResponse(status, null, results);

    private static TransactionalBatchResponse BatchResponse(HttpStatusCode status, TimeSpan? retryAfter, params (HttpStatusCode Status, string? ETag)[] results)
    {
        var response = new Mock<TransactionalBatchResponse>();
        response.SetupGet(r => r.StatusCode).Returns(status);
        response.SetupGet(r => r.IsSuccessStatusCode).Returns((int)status is >= 200 and < 300);
        response.SetupGet(r => r.Count).Returns(results.Length);
        response.SetupGet(r => r.RetryAfter).Returns(retryAfter);
        response.SetupGet(r => r.ErrorMessage).Returns(status == HttpStatusCode.OK ? null! : "batch failed");
        for (var i = 0; i < results.Length; i++)
        {
            var result = new Mock<TransactionalBatchOperationResult>();
            result.SetupGet(r => r.StatusCode).Returns(results[i].Status);
            result.SetupGet(r => r.ETag).Returns(results[i].ETag!);
            var index = i;
            response.SetupGet(r => r[index]).Returns(result.Object);
        }

        return response.Object;
    }

    private static List<ContainerProperties> SetupCreateContainers(CosmosMocks cosmos, HttpStatusCode status, Func<ContainerSpec, ContainerProperties?> existing)
    {
        var database = new Mock<DatabaseResponse>();
        database.SetupGet(d => d.Database).Returns(cosmos.DatabaseMock.Object);
        cosmos.Client.Setup(c => c.CreateDatabaseIfNotExistsAsync(CosmosMocks.Database, It.IsAny<int?>(), It.IsAny<RequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(database.Object);
        var created = new List<ContainerProperties>();
        cosmos.DatabaseMock.Setup(d => d.CreateContainerIfNotExistsAsync(It.IsAny<ContainerProperties>(), It.IsAny<int?>(), It.IsAny<RequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ContainerProperties properties, int? _, RequestOptions _, CancellationToken _) =>
            {
                created.Add(properties);
                var response = new Mock<ContainerResponse>();
                response.SetupGet(r => r.StatusCode).Returns(status);
                response.SetupGet(r => r.Resource).Returns(existing(Containers.All.Single(c => c.Name == properties.Id)) ?? properties);
                return response.Object;
            });
        return created;
    }

    private sealed class Signal(Action<ContainerSpec> onCommit) : IChangeSignal
    {
        public void NotifyCommitted(ContainerSpec container) => onCommit(container);
    }

    private sealed record AuditProbe : Document
    {
        public override string Type => "audit-probe";

        public required string Partition { get; init; }
    }
}
