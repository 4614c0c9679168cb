using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>One request that is wrong in one or more ways, kept as plain data so a failure can name it.</summary>
public sealed record MalformedRequest(Caller Caller, string Method, string Uri, string? ContentType, byte[]? Body, string Fault)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Uri);
        if (Body is null) return message;
        message.Content = new ByteArrayContent(Body);
        if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 160)).ReplaceLineEndings(" ");
        var uri = Uri.Length > 160 ? Uri[..160] + "…" : Uri;
        return $"{Method} {uri} as {Caller} [{ContentType}] ({Fault}) {body}{(Body?.Length > 160 ? $"… ({Body.Length} bytes)" : "")}";
    }
}

/// <summary>
/// Generates malformed requests for every operation of the service's OpenAPI document: wrong JSON types, missing and
/// extra fields, huge and control-character strings, invalid GUIDs and dates, bad paging, wrong content types, broken
/// JSON, duplicate query keys. Ids are the world's, so requests get past reach checks to validation. Deterministic per seed.
/// </summary>
public sealed class MalformedRequests(JsonElement document, SecurityWorld world, int seed)
{
    private static readonly string Huge = new('x', 100 * 1024);
    private static readonly string[] ControlStrings = ["a\u0000b", "\u0007\u001b[31m\u0008", "\u200b\u202e\ufeff", "\ud800", "line\r\nbreak\t"];
    private static readonly string[] BadGuids = ["not-a-guid", "0", "00000000-0000-0000-0000-000000000000", "{0}", "12345678-1234-1234-1234-1234567890123", "ｇｕｉｄ"];
    private static readonly string[] BadDates = ["2026-02-30", "2026-13-01", "01/02/2026", "0000-00-00", "0001-01-01", "9999-12-31", "2026-01-01T25:00:00Z", ""];
    private static readonly string[] BadDateTimes = ["2026-02-30T00:00:00Z", "yesterday", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "1e10", ""];
    private static readonly string[] BadInts = ["abc", "-1", "0", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "1.5", "1e3", "", " 1"];
    private static readonly JsonNode?[] WrongTypes = [JsonValue.Create(123), JsonValue.Create("text"), JsonValue.Create(true), new JsonObject(), new JsonArray(), null, JsonValue.Create(1.5), JsonValue.Create(-1)];
    private static readonly Caller[] OtherCallers = [Caller.HeadTeacherOwnClass, Caller.MentorCurrent, Caller.StudentSelf, Caller.DistrictAdminOther, Caller.SchoolAdminOther, Caller.Anonymous];
    private const string Boundary = "malformed-boundary";

    private readonly Random _random = new(seed);
    private readonly JsonElement _schemas = document.GetProperty("components").GetProperty("schemas");
    private int _unique;

    /// <summary>At least <paramref name="minimum"/> requests, spread over every operation of the document.</summary>
    public List<MalformedRequest> Generate(int minimum)
    {
        var operations = Operations().ToList();
        var perOperation = (minimum + operations.Count - 1) / operations.Count;
        var requests = new List<MalformedRequest>();
        foreach (var operation in operations)
        {
            var faults = Faults(operation).ToList();
            var built = faults.Select(f => Build(operation, [f])).ToList();
            // Then combinations of two or three faults, until the operation has its share.
            while (built.Count < perOperation)
                built.Add(Build(operation, Enumerable.Range(0, _random.Next(2, 4)).Select(_ => faults[_random.Next(faults.Count)]).ToList()));
            requests.AddRange(built);
        }
        return requests;
    }

    private sealed record Parameter(string Name, string In, JsonElement Schema);

    private sealed record Operation(string Method, string Template, List<Parameter> Parameters, string? BodyType, JsonElement? BodySchema);

    private sealed record Fault(string Name, Action<Draft> Apply);

    private sealed class Draft
    {
        public required string Method { get; set; }
        public required Caller Caller { get; set; }
        public required Dictionary<string, string> Path { get; init; }
        public required List<KeyValuePair<string, string>> Query { get; init; }
        public JsonNode? Json { get; set; }
        public bool HasJson { get; set; }
        public byte[]? Raw { get; set; }
        public string? ContentType { get; set; }
    }

    private IEnumerable<Operation> Operations()
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var op in path.Value.EnumerateObject())
        {
            var parameters = op.Value.TryGetProperty("parameters", out var list)
                ? list.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, p.GetProperty("schema"))).ToList()
                : [];
            string? bodyType = null;
            JsonElement? bodySchema = null;
            if (op.Value.TryGetProperty("requestBody", out var body))
            {
                var content = body.GetProperty("content").EnumerateObject().First();
                bodyType = content.Name;
                bodySchema = content.Value.GetProperty("schema");
            }
            yield return new Operation(op.Name.ToUpperInvariant(), path.Name, parameters, bodyType, bodySchema);
        }
    }

    private Caller CallerFor(Operation op) => op.Template switch
    {
        "/api/v1/auth/token" => Caller.Anonymous,
        "/api/v1/districts" => Caller.PlatformAdmin,
        var t when t.StartsWith("/api/v1/districts/", StringComparison.Ordinal) => Caller.DistrictAdminOwn,
        _ => Caller.SchoolAdminOwn,
    };

    private MalformedRequest Build(Operation op, List<Fault> faults)
    {
        var draft = new Draft
        {
            Method = op.Method,
            Caller = CallerFor(op),
            Path = PathValues(op),
            Query = op.Parameters.Where(p => p.In == "query").Select(p => KeyValuePair.Create(p.Name, ValidQuery(p))).ToList(),
        };
        if (op.BodyType == "application/json")
        {
            draft.Json = Example(op.BodySchema!.Value, "");
            draft.HasJson = true;
            draft.ContentType = "application/json";
        }
        else if (op.BodyType == "multipart/form-data")
        {
            draft.Raw = Multipart("teachers.csv", "text/csv", "name,employeeNo,subjects\n李老师,T-fuzz,语文\n"u8.ToArray());
            draft.ContentType = $"multipart/form-data; boundary={Boundary}";
        }
        // A few requests go out as other roles: they must be refused as cleanly.
        if (_random.Next(12) == 0) draft.Caller = OtherCallers[_random.Next(OtherCallers.Length)];
        foreach (var fault in faults) fault.Apply(draft);

        var uri = op.Template;
        foreach (var (name, value) in draft.Path) uri = uri.Replace($"{{{name}}}", value);
        if (draft.Query.Count > 0) uri += "?" + string.Join("&", draft.Query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        var body = draft.Raw ?? (draft.HasJson ? Encoding.UTF8.GetBytes(draft.Json?.ToJsonString() ?? "null") : null);
        return new MalformedRequest(draft.Caller, draft.Method, uri, body is null ? null : draft.ContentType, body, string.Join(" + ", faults.Select(f => f.Name)));
    }

    private Dictionary<string, string> PathValues(Operation op)
    {
        var values = new Dictionary<string, string>();
        var segments = op.Template.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{')) continue;
            var name = segments[i].Trim('{', '}');
            var spend = op.Template.EndsWith("/deactivate", StringComparison.Ordinal) || op.Template.EndsWith("/transfer", StringComparison.Ordinal);
            values[name] = (name, segments[i - 1]) switch
            {
                ("school", _) => world.School.School,
                ("district", _) => world.School.District,
                ("teacherId", _) => world.MentorId.ToString(),
                ("studentId", _) => world.StudentId.ToString(),
                (_, "teachers") => (spend ? world.SpareTeacherId : world.MentorId).ToString(),
                (_, "students") => (spend ? world.SpareStudentId : world.StudentId).ToString(),
                (_, "classes") => world.ClassId.ToString(),
                (_, "mentor-groups") => world.GroupId.ToString(),
                _ => Guid.CreateVersion7().ToString(),
            };
        }
        return values;
    }

    private string ValidQuery(Parameter p) => p.Name switch
    {
        "classId" => world.ClassId.ToString(),
        "semesterId" => world.SemesterId.ToString(),
        "studentId" => world.StudentId.ToString(),
        "actorId" => Guid.CreateVersion7().ToString(),
        "kind" => "teachers",
        "flag" => "leftBehind",
        "dryRun" => "true",
        _ => Kind(p.Schema) switch
        {
            "integer" => "1",
            "boolean" => "false",
            "date-time" => "2026-09-01T00:00:00Z",
            "uuid" => Guid.CreateVersion7().ToString(),
            _ => "a",
        },
    };

    /// <summary>The schema's kind: uuid, date, date-time, integer, number, boolean, string, array or object.</summary>
    private string Kind(JsonElement schema)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("format", out var format) && format.GetString() is "uuid" or "date" or "date-time") return format.GetString()!;
        if (schema.TryGetProperty("enum", out _)) return "enum";
        if (schema.TryGetProperty("properties", out _)) return "object";
        if (!schema.TryGetProperty("type", out var type)) return "string";
        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
        return new[] { "integer", "number", "boolean", "array", "object", "string" }.FirstOrDefault(types.Contains) ?? "string";
    }

    private JsonElement Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference)) return _schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
            return Resolve(oneOf.EnumerateArray().First(s => !(s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")));
        return schema;
    }

    /// <summary>A valid value for the schema; ids are the world's, picked by the field's name.</summary>
    private JsonNode? Example(JsonElement schema, string name)
    {
        var resolved = Resolve(schema);
        switch (Kind(schema))
        {
            case "object":
                var obj = new JsonObject();
                foreach (var property in resolved.GetProperty("properties").EnumerateObject()) obj[property.Name] = Example(property.Value, property.Name);
                return obj;
            case "array":
                return new JsonArray(Example(resolved.GetProperty("items"), name));
            case "uuid":
                return JsonValue.Create(name switch
                {
                    "classId" or "classIds" => world.ClassId,
                    "semesterId" => world.SemesterId,
                    "headTeacherId" => world.HeadTeacherId,
                    "teacherId" or "mentorId" or "mentorIds" or "rankedMentorIds" => world.MentorId,
                    "studentId" or "studentIds" or "welcomedStudentIds" => world.StudentId,
                    _ => Guid.CreateVersion7(),
                });
            case "date": return JsonValue.Create(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(5).ToString("yyyy-MM-dd"));
            case "date-time": return JsonValue.Create("2026-09-01T00:00:00Z");
            case "enum": return JsonValue.Create(resolved.GetProperty("enum")[0].GetString());
            case "integer": return JsonValue.Create(1);
            case "number": return JsonValue.Create(1.0);
            case "boolean": return JsonValue.Create(true);
            default:
                return JsonValue.Create(name switch
                {
                    "flags" or "attentionFlags" => "leftBehind",
                    "gender" => "male",
                    "password" => "Passw0rd!x",
                    _ => $"f{seed}-{++_unique}",
                });
        }
    }

    private IEnumerable<Fault> Faults(Operation op)
    {
        foreach (var fault in PathFaults(op)) yield return fault;
        foreach (var fault in QueryFaults(op)) yield return fault;
        if (op.BodyType == "application/json")
            foreach (var fault in JsonBodyFaults(op)) yield return fault;
        else if (op.BodyType == "multipart/form-data")
            foreach (var fault in UploadFaults()) yield return fault;
        else
            foreach (var fault in UnexpectedBodyFaults()) yield return fault;

        foreach (var method in new[] { "PATCH", "DELETE", "PUT", "GET" }.Where(m => m != op.Method))
            yield return new Fault($"method {method}", d => d.Method = method);
    }

    private IEnumerable<Fault> PathFaults(Operation op)
    {
        foreach (var name in op.Template.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}')))
        {
            var values = name is "school" or "district"
                ? new[] { "no-such-code", new string('s', 5000), "a\u0001b", "..", "%", "学校", " " }
                : BadGuids.Append(Guid.CreateVersion7().ToString()).Append(new string('9', 400));
            foreach (var value in values)
                yield return new Fault($"path {name}={Short(value)}", d => d.Path[name] = Uri.EscapeDataString(value));
        }
    }

    private IEnumerable<Fault> QueryFaults(Operation op)
    {
        foreach (var p in op.Parameters.Where(p => p.In == "query"))
        {
            var values = Kind(p.Schema) switch
            {
                "integer" => BadInts,
                "boolean" => ["maybe", "2", "", "TRUE", "yes"],
                "uuid" => BadGuids,
                "date-time" => BadDateTimes,
                _ => [Huge[..10_000], "a\u0000b", "%", "'; DROP TABLE \"Students\";--", "[]"],
            };
            foreach (var value in values)
                yield return new Fault($"query {p.Name}={Short(value)}", d => Set(d.Query, p.Name, value));
            yield return new Fault($"query {p.Name} twice", d => d.Query.Add(KeyValuePair.Create(p.Name, d.Query.LastOrDefault(q => q.Key == p.Name).Value ?? "1")));
        }
        foreach (var (page, size) in new[] { ("-1", "50"), ("0", "0"), ("2147483647", "200"), ("1", "-5"), ("1", "201"), ("1", "100000"), ("2147483647", "2147483647") })
            yield return new Fault($"paging {page}/{size}", d => { Set(d.Query, "page", page); Set(d.Query, "pageSize", size); });
        yield return new Fault("unknown query key", d => d.Query.Add(KeyValuePair.Create("unexpected", "1")));
    }

    private IEnumerable<Fault> JsonBodyFaults(Operation op)
    {
        foreach (var (path, schema) in Fields(op.BodySchema!.Value, []))
        {
            var label = string.Join(".", path);
            var kind = Kind(schema);
            foreach (var wrong in WrongTypes)
                yield return new Fault($"{label} = {wrong?.ToJsonString() ?? "null"}", d => SetField(d, path, wrong?.DeepClone()));
            yield return new Fault($"{label} missing", d => RemoveField(d, path));
            yield return new Fault($"{label} 100 KB", d => SetField(d, path, JsonValue.Create(Huge)));
            foreach (var control in ControlStrings)
                yield return new Fault($"{label} control characters", d => SetField(d, path, JsonValue.Create(control)));
            var invalid = kind switch
            {
                "uuid" => BadGuids.Append(Guid.CreateVersion7().ToString()),
                "date" => BadDates,
                "date-time" => BadDateTimes,
                "integer" or "number" => ["2147483648", "-2147483649", "1e400", "-1", "0", "2147483647", "-2147483648"],
                "enum" => ["unknown", "MALE", "0", "99"],
                _ => Array.Empty<string>(),
            };
            foreach (var value in invalid)
                yield return new Fault($"{label} = {Short(value)}", d => SetField(d, path,
                    kind is "integer" or "number" ? JsonNode.Parse(value) : JsonValue.Create(value)));
            if (kind == "array")
            {
                yield return new Fault($"{label} with 5000 items", d => SetField(d, path, new JsonArray(Enumerable.Range(0, 5000).Select(_ => (JsonNode?)JsonValue.Create(Guid.CreateVersion7())).ToArray())));
                yield return new Fault($"{label} with a null item", d => SetField(d, path, new JsonArray((JsonNode?)null)));
                yield return new Fault($"{label} with repeated items", d => SetField(d, path, new JsonArray(Example(schema, path[^1]), Example(schema, path[^1]))));
            }
        }

        yield return new Fault("extra fields", d => { if (d.Json is JsonObject o) { o["unexpected"] = "x"; o["__proto__"] = new JsonObject(); o["id"] = Guid.Empty.ToString(); } });
        foreach (var raw in new[] { "", "null", "[]", "\"text\"", "{", "{\"a\":", "}{", "{'single':'quotes'}", "{\"a\":1,}", "NaN", new string('[', 2000) + new string(']', 2000) })
            yield return new Fault($"body {Short(raw)}", d => d.Raw = Encoding.UTF8.GetBytes(raw));
        yield return new Fault("truncated JSON", d => { var json = d.Json?.ToJsonString() ?? "{}"; d.Raw = Encoding.UTF8.GetBytes(json[..Math.Max(1, json.Length / 2)]); });
        yield return new Fault("invalid UTF-8", d => d.Raw = [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
        yield return new Fault("duplicate keys", d =>
        {
            var json = d.Json?.ToJsonString() ?? "{}";
            d.Raw = json.Length > 2 ? Encoding.UTF8.GetBytes(json[..^1] + "," + json[1..^1].Split(',')[0].Split(':')[0] + ":{\"x\":1}}") : Encoding.UTF8.GetBytes(json);
        });
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=" + Boundary, "application/xml", "application/json; charset=utf-16", "" })
            yield return new Fault($"content type '{type}'", d => { d.Raw ??= Encoding.UTF8.GetBytes(d.Json?.ToJsonString() ?? "{}"); d.ContentType = type.Length == 0 ? null : type; });
        yield return new Fault("form body", d => { d.Raw = "name=x&code=y"u8.ToArray(); d.ContentType = "application/x-www-form-urlencoded"; });
    }

    private IEnumerable<Fault> UploadFaults()
    {
        yield return new Fault("JSON instead of the upload", d => { d.Raw = "{\"file\":\"x\"}"u8.ToArray(); d.ContentType = "application/json"; });
        yield return new Fault("text/plain instead of the upload", d => { d.Raw = "name,employeeNo\n"u8.ToArray(); d.ContentType = "text/plain"; });
        yield return new Fault("form without boundary", d => d.ContentType = "multipart/form-data");
        yield return new Fault("wrong boundary", d => d.ContentType = "multipart/form-data; boundary=other");
        yield return new Fault("truncated multipart", d => d.Raw = d.Raw![..(d.Raw!.Length / 2)]);
        yield return new Fault("empty multipart", d => d.Raw = Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        yield return new Fault("no file field", d => d.Raw = Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nteachers\r\n--{Boundary}--\r\n"));
        yield return new Fault("garbage .xlsx", d => d.Raw = Multipart("roster.xlsx", "application/octet-stream", RandomBytes(4096)));
        yield return new Fault("zip that is not a workbook", d => d.Raw = Multipart("roster.xlsx", "application/octet-stream", [0x50, 0x4b, 0x03, 0x04, .. RandomBytes(512)]));
        yield return new Fault("unknown extension", d => d.Raw = Multipart("roster.exe", "application/octet-stream", "MZ"u8.ToArray()));
        yield return new Fault("csv with control characters", d => d.Raw = Multipart("teachers.csv", "text/csv", Encoding.UTF8.GetBytes("name,employeeNo\n\u0000\u0007,\u001b\n")));
        yield return new Fault("csv with a NUL in a name, not a dry run", d =>
        {
            Set(d.Query, "dryRun", "false");
            d.Raw = Multipart("teachers.csv", "text/csv", Encoding.UTF8.GetBytes($"name,employeeNo\na\u0000b,T-{seed}-{++_unique}\n"));
        });
        yield return new Fault("csv with a 100 KB cell", d => d.Raw = Multipart("teachers.csv", "text/csv", Encoding.UTF8.GetBytes("name,employeeNo\n" + Huge + ",T1\n")));
        yield return new Fault("csv with a wrong header", d => d.Raw = Multipart("teachers.csv", "text/csv", "a,b,c\n1,2,3\n"u8.ToArray()));
        yield return new Fault("file name with path and control characters", d => d.Raw = Multipart("..\\..\\a\u0001.csv", "text/csv", "name,employeeNo\n"u8.ToArray()));
    }

    private IEnumerable<Fault> UnexpectedBodyFaults()
    {
        yield return new Fault("unexpected JSON body", d => { d.Raw = "{\"unexpected\":true}"u8.ToArray(); d.ContentType = "application/json"; });
        yield return new Fault("unexpected broken JSON body", d => { d.Raw = "{"u8.ToArray(); d.ContentType = "application/json"; });
        yield return new Fault("unexpected form body", d => { d.Raw = "a=b"u8.ToArray(); d.ContentType = "application/x-www-form-urlencoded"; });
        yield return new Fault("unexpected multipart body", d => { d.Raw = Multipart("a.csv", "text/csv", "x"u8.ToArray()); d.ContentType = $"multipart/form-data; boundary={Boundary}"; });
    }

    /// <summary>Every field of the body, nested objects and array items included, with its schema.</summary>
    private IEnumerable<(string[] Path, JsonElement Schema)> Fields(JsonElement schema, string[] path)
    {
        var resolved = Resolve(schema);
        if (Kind(schema) != "object") yield break;
        foreach (var property in resolved.GetProperty("properties").EnumerateObject())
        {
            string[] here = [.. path, property.Name];
            yield return (here, property.Value);
            foreach (var nested in Fields(property.Value, here)) yield return nested;
            if (Kind(property.Value) == "array" && Resolve(property.Value).TryGetProperty("items", out var items))
            {
                yield return ([.. here, "0"], items);
                foreach (var nested in Fields(items, [.. here, "0"])) yield return nested;
            }
        }
    }

    private static void SetField(Draft d, string[] path, JsonNode? value)
    {
        if (Parent(d.Json, path) is { } parent) Assign(parent, path[^1], value);
    }

    private static void RemoveField(Draft d, string[] path)
    {
        if (Parent(d.Json, path) is JsonObject parent) parent.Remove(path[^1]);
        else if (Parent(d.Json, path) is JsonArray array && array.Count > 0) array.RemoveAt(0);
    }

    private static JsonNode? Parent(JsonNode? root, string[] path)
    {
        var node = root;
        foreach (var key in path[..^1])
            node = node switch
            {
                JsonObject o => o[key],
                JsonArray a when int.TryParse(key, out var i) && i < a.Count => a[i],
                _ => null,
            };
        return node;
    }

    private static void Assign(JsonNode parent, string key, JsonNode? value)
    {
        if (parent is JsonObject o) o[key] = value;
        else if (parent is JsonArray a && int.TryParse(key, out var i) && i < a.Count) a[i] = value;
    }

    private static void Set(List<KeyValuePair<string, string>> query, string key, string value)
    {
        query.RemoveAll(q => q.Key == key);
        query.Add(KeyValuePair.Create(key, value));
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Multipart(string fileName, string contentType, byte[] content) =>
    [
        .. Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: {contentType}\r\n\r\n"),
        .. content,
        .. Encoding.UTF8.GetBytes($"\r\n--{Boundary}--\r\n"),
    ];

    private static string Short(string value) => value.Length > 24 ? $"{value[..12]}…({value.Length} chars)" : value;
}
