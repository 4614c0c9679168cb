using System.Collections;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;
using MentorCloud.WebApi.Endpoints;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>The OpenAPI document is the contract generated clients are built from: valid, complete, named, and kept in the repository.</summary>
public abstract class OpenApiContractTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private const string SnapshotVariable = "UPDATE_OPENAPI_SNAPSHOT";

    private async Task<string> DocumentTextAsync()
    {
        using var client = Api.Anonymous();
        var response = await client.GetAsync("/openapi/v1.json", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private async Task<JsonElement> DocumentAsync() => JsonDocument.Parse(await DocumentTextAsync()).RootElement;

    [Fact]
    public async Task Every_route_is_documented_with_all_its_path_parameters_and_a_unique_operation_id()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var routes = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(r => r.Pattern.RawText is { } raw && !new[] { "/openapi", "/scalar", "/health" }.Any(p => ("/" + raw.TrimStart('/')).StartsWith(p, StringComparison.Ordinal)))
            .ToList();
        routes.Count.ShouldBeGreaterThan(40);

        var operationIds = new List<string>();
        foreach (var (pattern, methods) in routes)
        {
            var path = "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                _ => p.ToString(),
            }))));
            paths.TryGetProperty(path, out var item).ShouldBeTrue($"{path} is not in the document");
            foreach (var method in methods)
            {
                item.TryGetProperty(method.ToLowerInvariant(), out var operation).ShouldBeTrue($"{method} {path} is not in the document");
                var declared = operation.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").ToList()
                    : [];
                foreach (var parameter in pattern.Parameters)
                {
                    var match = declared.SingleOrDefault(p => p.GetProperty("name").GetString() == parameter.Name);
                    match.ValueKind.ShouldBe(JsonValueKind.Object, $"{method} {path} does not declare {{{parameter.Name}}}");
                    match.GetProperty("required").GetBoolean().ShouldBeTrue();
                }
                var operationId = operation.TryGetProperty("operationId", out var id) ? id.GetString() : null;
                operationId.ShouldNotBeNullOrWhiteSpace($"{method} {path} has no operationId");
                operationId.ShouldMatch("^[a-z][A-Za-z0-9]*$");
                operationIds.Add(operationId);
            }
        }
        operationIds.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public async Task Operation_ids_read_as_what_the_operation_does()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        string Id(string method, string path) => paths.GetProperty(path).GetProperty(method).GetProperty("operationId").GetString()!;

        Id("get", "/api/v1/schools/{school}/students").ShouldBe("listStudents");
        Id("get", "/api/v1/schools/{school}/students/{id}").ShouldBe("getStudent");
        Id("post", "/api/v1/schools/{school}/students").ShouldBe("createStudent");
        Id("put", "/api/v1/schools/{school}/students/{id}/attention-flags").ShouldBe("updateStudentAttentionFlags");
        Id("post", "/api/v1/schools/{school}/mentor-groups/{id}/publish").ShouldBe("publishMentorGroup");
        Id("post", "/api/v1/schools/{school}/mentor-groups/{id}/open-selection").ShouldBe("openMentorGroupSelection");
        Id("post", "/api/v1/schools/{school}/mentor-groups/{id}/mentors").ShouldBe("addMentorGroupMentor");
        Id("get", "/api/v1/districts/{district}/policy-limits").ShouldBe("getDistrictPolicyLimits");
        Id("post", "/api/v1/auth/token").ShouldBe("issueToken");
        Id("get", "/api/v1/schools/{school}/semesters/current").ShouldBe("getCurrentSemester");
    }

    [Fact]
    public async Task Scope_path_parameters_are_described_codes_and_guid_routes_are_uuids()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        JsonElement Parameter(string path, string method, string name) =>
            paths.GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

        var school = Parameter("/api/v1/schools/{school}/students/{id}", "get", "school");
        school.GetProperty("description").GetString().ShouldBe("The school's code");
        school.GetProperty("schema").GetProperty("type").GetString().ShouldBe("string");
        Parameter("/api/v1/districts/{district}/schools", "get", "district").GetProperty("description").GetString().ShouldBe("The district's code");
        Parameter("/api/v1/schools/{school}/students/{id}", "get", "id").GetProperty("schema").GetProperty("format").GetString().ShouldBe("uuid");
    }

    /// <summary>The domain enumerations that reach a request or response body.</summary>
    private static List<Type> EnumsCrossingTheApi()
    {
        var domain = typeof(Gender).Assembly;
        var surface = typeof(Application.Students.StudentDto).Assembly.GetExportedTypes()
            .Concat(typeof(Endpoints.StudentEndpoints).Assembly.GetExportedTypes())
            .Where(t => t.Name.EndsWith("Dto", StringComparison.Ordinal) || t.Name.EndsWith("Command", StringComparison.Ordinal)
                        || t.Name.EndsWith("Update", StringComparison.Ordinal) || t.Name.EndsWith("Request", StringComparison.Ordinal));
        return surface.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)).Select(p => Unwrap(p.PropertyType))
            .Where(t => t.IsEnum && t.Assembly == domain).Distinct().OrderBy(t => t.Name).ToList();

        static Type Unwrap(Type type) =>
            Nullable.GetUnderlyingType(type) is { } underlying ? underlying
            : type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? Unwrap(type.GetGenericArguments()[^1])
            : type.IsArray ? Unwrap(type.GetElementType()!)
            : type;
    }

    [Fact]
    public async Task Every_domain_enumeration_in_the_api_is_a_string_enum_of_its_camel_case_values()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var enums = EnumsCrossingTheApi();
        foreach (var named in new[] { typeof(AttentionFlags), typeof(Gender), typeof(MentorGroupPhase), typeof(AssignmentSource), typeof(AssignmentEndReason) })
            enums.ShouldContain(named);

        foreach (var type in enums)
        {
            schemas.TryGetProperty(type.Name, out var schema).ShouldBeTrue($"{type.Name} is not in the document");
            // An enumeration that only ever crosses the API as an optional field is written as nullable: ["null", "string"].
            var schemaType = schema.GetProperty("type");
            (schemaType.ValueKind == JsonValueKind.Array ? schemaType.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null").ToArray() : [schemaType.GetString()])
                .ShouldBe(["string"], type.Name);
            var expected = Enum.GetValues(type).Cast<Enum>()
                .Where(v => !type.IsDefined(typeof(FlagsAttribute)) || Convert.ToUInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0)
                .Select(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));
            schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ShouldBe(expected, type.Name);
        }
        schemas.GetProperty(nameof(AttentionFlags)).GetProperty("enum").GetArrayLength().ShouldBe(8);
    }

    [Fact]
    public async Task The_student_list_flag_filter_is_typed_as_an_attention_flag()
    {
        var parameters = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/v1/schools/{school}/students").GetProperty("get").GetProperty("parameters");
        var flag = parameters.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "flag");
        flag.GetProperty("schema").GetProperty("$ref").GetString().ShouldBe("#/components/schemas/AttentionFlags");
    }

    [Fact]
    public async Task Integer_query_parameters_are_plain_integers()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var integers = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .Where(o => o.Value.TryGetProperty("parameters", out _))
            .SelectMany(o => o.Value.GetProperty("parameters").EnumerateArray())
            .Where(p => p.GetProperty("schema").GetRawText().Contains("int32", StringComparison.Ordinal))
            .ToList();
        integers.Select(p => p.GetProperty("name").GetString()).ShouldContain("pageSize");
        foreach (var parameter in integers)
        {
            var schema = parameter.GetProperty("schema");
            schema.GetProperty("type").ValueKind.ShouldBe(JsonValueKind.String, parameter.GetRawText());
            schema.GetProperty("type").GetString().ShouldBe("integer");
            schema.TryGetProperty("pattern", out _).ShouldBeFalse(parameter.GetRawText());
        }
    }

    [Fact]
    public async Task Created_answers_name_their_location_waits_name_their_retry_and_problems_their_trace_and_rule()
    {
        var document = await DocumentAsync();
        var responses = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Responses: op.Value.GetProperty("responses"))))
            .SelectMany(op => op.Responses.EnumerateObject().Select(r => (op.Name, Status: r.Name, Response: r.Value))).ToList();

        string[] Lacking(string status, string header) =>
            [.. responses.Where(r => r.Status == status && !(r.Response.TryGetProperty("headers", out var h) && h.TryGetProperty(header, out _))).Select(r => r.Name)];

        responses.Count(r => r.Status == "201").ShouldBeGreaterThan(5);
        responses.ShouldContain(r => r.Status == "429");
        Lacking("201", "Location").ShouldBeEmpty();
        Lacking("429", "Retry-After").ShouldBeEmpty();
        Lacking("503", "Retry-After").ShouldBeEmpty();
        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties");
        problem.TryGetProperty("traceId", out _).ShouldBeTrue();
        problem.TryGetProperty("rule", out _).ShouldBeTrue();
    }

    /// <summary>The operations a client starts with: each shows an example body.</summary>
    private static readonly string[] MainOperations =
    [
        "issueToken", "createDistrict", "updateDistrictPolicyLimits", "addDistrictSchool", "updatePolicy", "createSemester", "createTeacher",
        "createClass", "createStudent", "createMentorGroup", "openMentorGroupSelection", "updateMentorGroupPreference",
        "updateMentorGroupAssignment", "transferStudent", "updateStudentAttentionFlags",
    ];

    /// <summary>Operation id → method, path template and JSON request example, for every operation that has one.</summary>
    private static Dictionary<string, (string Method, string Path, JsonElement Example)> RequestExamples(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Method: op.Name.ToUpperInvariant(), Path: path.Name, Operation: op.Value)))
            .Where(op => op.Operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json)
                         && json.TryGetProperty("example", out _))
            .ToDictionary(op => op.Operation.GetProperty("operationId").GetString()!,
                op => (op.Method, op.Path, op.Operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example")));

    [Fact]
    public async Task The_main_operations_show_an_example_request_body()
    {
        var examples = RequestExamples(await DocumentAsync());

        MainOperations.Where(id => !examples.ContainsKey(id)).ShouldBeEmpty();
        foreach (var id in MainOperations) examples[id].Example.ValueKind.ShouldBe(JsonValueKind.Object, id);
        var student = examples["createStudent"].Example;
        student.GetProperty("name").GetString().ShouldBe("王小明");
        student.GetProperty("gender").GetString().ShouldBe("male");
        student.GetProperty("birthDate").GetString().ShouldBe("2013-10-12");
        student.GetProperty("attentionFlags")[0].GetString().ShouldBe("leftBehind");
    }

    /// <summary>
    /// Replays the examples in the order a school is set up, on the day they are written for, with the ids the earlier answers
    /// returned in place of the examples' ids: each must get past binding and validation and succeed. Every example is replayed.
    /// </summary>
    [Fact]
    public async Task Every_request_example_is_accepted_by_its_endpoint_on_the_day_the_examples_are_written_for()
    {
        var examples = RequestExamples(await DocumentAsync());
        var day = new DateTimeOffset(ApiExamples.Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        // The examples' day is in the past: tokens issued on it must outlive it to be accepted today.
        await using var factory = App.Factory.WithWebHostBuilder(b => b
            .UseSetting("Jwt:AccessTokenLifetime", "3650.00:00:00")
            .UseSetting("Webhooks:AllowedHosts:0", "hooks.example.edu.cn")
            .ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new PinnedClock(day))));
        var ids = new Dictionary<Guid, Guid>();
        var replayed = new List<string>();

        async Task<JsonElement> Replay(HttpClient client, string operationId, HttpStatusCode expected, params (string Name, object Value)[] route)
        {
            var (method, path, example) = examples[operationId];
            var body = ids.Aggregate(example.GetRawText(), (json, id) => json.Replace(id.Key.ToString(), id.Value.ToString(), StringComparison.OrdinalIgnoreCase));
            foreach (var (name, value) in route.Append(("school", ApiExamples.SchoolCode)).Append(("district", ApiExamples.DistrictCode)))
                path = path.Replace("{" + name + "}", value.ToString(), StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            var response = await client.SendAsync(request, Ct);
            replayed.Add(operationId);
            return await response.ShouldBeJson(expected);
        }

        async Task<HttpClient> SignIn(string username, string password)
        {
            using var anonymous = factory.CreateClient();
            var token = await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username, password }, Ct)).ShouldBeJson(HttpStatusCode.OK);
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
            return client;
        }

        using (var platform = await SignIn(MentorCloudFactory.PlatformAdmin, MentorCloudFactory.PlatformPassword))
            await Replay(platform, "createDistrict", HttpStatusCode.Created);
        using (var district = await SignIn(ApiExamples.DistrictAdmin.Username, ApiExamples.DistrictAdmin.Password))
        {
            await Replay(district, "updateDistrictPolicyLimits", HttpStatusCode.OK);
            await Replay(district, "addDistrictSchool", HttpStatusCode.Created);
        }

        using var anonymous = factory.CreateClient();
        var token = await Replay(anonymous, "issueToken", HttpStatusCode.OK);
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        string Route(string path) => $"/api/v1/schools/{ApiExamples.SchoolCode}/{path}";
        async Task<Guid> Create(string path, object body) =>
            (await (await admin.PostAsJsonAsync(Route(path), body, Ct)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await Replay(admin, "updatePolicy", HttpStatusCode.OK);
        ids[ApiExamples.SemesterId] = (await Replay(admin, "createSemester", HttpStatusCode.Created)).GetProperty("id").GetGuid();
        ids[ApiExamples.HeadTeacherId] = (await Replay(admin, "createTeacher", HttpStatusCode.Created)).GetProperty("id").GetGuid();
        ids[ApiExamples.MentorId] = await Create("teachers", new { name = "王强", employeeNo = "T2018007", subjects = new[] { "数学" } });
        var otherHead = await Create("teachers", new { name = "赵敏", employeeNo = "T2016012", subjects = new[] { "英语" } });
        ids[ApiExamples.ClassId] = (await Replay(admin, "createClass", HttpStatusCode.Created)).GetProperty("id").GetGuid();
        ids[ApiExamples.OtherClassId] = await Create("classes", new { name = "七年级(5)班", grade = 7, headTeacherId = otherHead, schoolYear = 2026 });
        var student = (await Replay(admin, "createStudent", HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var group = (await Replay(admin, "createMentorGroup", HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Replay(admin, "openMentorGroupSelection", HttpStatusCode.OK, ("id", group));
        await Replay(admin, "updateMentorGroupPreference", HttpStatusCode.OK, ("id", group), ("studentId", student));
        await (await admin.PostAsync(Route($"mentor-groups/{group}/match"), null, Ct)).ShouldBeJson(HttpStatusCode.OK);
        await Replay(admin, "updateMentorGroupAssignment", HttpStatusCode.OK, ("id", group), ("studentId", student));
        await Replay(admin, "updateStudentAttentionFlags", HttpStatusCode.OK, ("id", student));
        // Published, the pair gives 王小明 a mentor: he hands in September's report and evaluates 王强.
        await (await admin.PostAsync(Route($"mentor-groups/{group}/publish"), null, Ct)).ShouldBeJson(HttpStatusCode.OK);
        using (var pupil = await SignIn("wangxiaoming", "Wxm20260703"))
        {
            await Replay(pupil, "addStudentMonthlyReport", HttpStatusCode.Created, ("id", student));
            await Replay(pupil, "createMentorEvaluation", HttpStatusCode.Created);
        }
        var moved = await Replay(admin, "transferStudent", HttpStatusCode.OK, ("id", student));
        await Replay(admin, "createWebhook", HttpStatusCode.Created);

        moved.GetProperty("classId").GetGuid().ShouldBe(ids[ApiExamples.OtherClassId]);
        moved.GetProperty("attentionFlags").EnumerateArray().Select(f => f.GetString()).ShouldBe(["leftBehind", "psychological"]);
        examples.Keys.Except(replayed).ShouldBeEmpty("every example is replayed");
    }

    [Fact]
    public async Task Every_operation_that_takes_if_match_answers_412_when_stale_and_428_when_missing()
    {
        OpenApiContractRules.IfMatchWithout412And428(await DocumentAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_operation_declares_its_security_the_bearer_token_or_none_for_signing_in()
    {
        var operations = (await DocumentAsync()).GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Operation: op.Value)))
            .ToList();

        operations.Where(o => !o.Operation.TryGetProperty("security", out _)).Select(o => o.Name).ShouldBeEmpty();
        var signIn = operations.Single(o => o.Name == "POST /api/v1/auth/token").Operation.GetProperty("security");
        signIn.GetArrayLength().ShouldBe(0);
        operations.Where(o => o.Name != "POST /api/v1/auth/token")
            .Where(o => !o.Operation.GetProperty("security").EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _)))
            .Select(o => o.Name).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_document_reads_without_errors_and_passes_the_default_validation_rules()
    {
        var result = OpenApiDocument.Parse(await DocumentTextAsync(), "json");

        result.Diagnostic.ShouldNotBeNull();
        result.Diagnostic.Errors.Select(e => e.ToString()).ShouldBeEmpty();
        result.Document.ShouldNotBeNull();
        result.Document.Validate(ValidationRuleSet.GetDefaultRuleSet()).Select(e => e.ToString()).ShouldBeEmpty();
        result.Document.Paths.Count.ShouldBeGreaterThan(30);
    }

    [Fact]
    public async Task The_document_matches_the_snapshot_in_docs_openapi()
    {
        var live = Normalize(await DocumentTextAsync());
        var file = Path.Combine(MentorCloud.TestSupport.Repository.Root(), "docs", "openapi", "v1.json");
        var stored = File.Exists(file) ? (await File.ReadAllTextAsync(file, Ct)).ReplaceLineEndings("\n") : null;
        if (stored == live) return;

        if (Environment.GetEnvironmentVariable(SnapshotVariable) == "1")
        {
            await File.WriteAllTextAsync(file, live, Ct);
            // Still a failure, so a run with the variable set can never pass by rewriting the contract unnoticed.
            Assert.Fail($"Snapshot updated: {file}. Review the difference and commit it.");
        }
        Assert.Fail($"The OpenAPI document differs from {file}. If the change is intended, run the tests with {SnapshotVariable}=1, review the difference and commit it.");
    }

    /// <summary>Indented, with the server address (which depends on the host) removed.</summary>
    private static string Normalize(string document)
    {
        var node = JsonNode.Parse(document)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}

/// <summary>A clock that stays on one instant, told in UTC as a system clock tells it (PostgreSQL stores only UTC offsets).</summary>
internal sealed class PinnedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}

public sealed class OpenApiContractTestsOnSqlite(SqliteApp app) : OpenApiContractTests<SqliteApp>(app);

public sealed class OpenApiContractTestsOnPostgres(PostgresApp app) : OpenApiContractTests<PostgresApp>(app);
