using System.Globalization;
using System.Text;
using MentorCloud.WebApi.Infrastructure;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>The redirected console: a batch is one write, in the console sink's format, and nothing queued is lost when the logger stops.</summary>
public sealed class BatchedConsoleSinkTests
{
    [Fact]
    public async Task A_batch_is_written_with_one_write_and_one_flush_a_line_per_event()
    {
        var output = new CountingStream();
        using var sink = new BatchedConsoleSink(new MessageTemplateTextFormatter(BatchedConsoleSink.OutputTemplate, CultureInfo.InvariantCulture), output);
        var at = new DateTimeOffset(2026, 9, 1, 8, 30, 5, TimeSpan.Zero);

        await sink.EmitBatchAsync([Event(at, LogEventLevel.Information, "HTTP GET /api/v1/me responded 200 学生"), Event(at.AddSeconds(1), LogEventLevel.Warning, "slow request")]);

        (output.Writes, output.Flushes).ShouldBe((1, 1));
        output.ToString().ShouldBe($"[08:30:05 INF] HTTP GET /api/v1/me responded 200 学生{Environment.NewLine}[08:30:06 WRN] slow request{Environment.NewLine}");
    }

    [Fact]
    public void Every_event_logged_before_the_logger_stops_is_written()
    {
        var output = new CountingStream();
        var logger = new LoggerConfiguration().WriteTo.Sink(
            new BatchedConsoleSink(new MessageTemplateTextFormatter("{Message:lj}{NewLine}", CultureInfo.InvariantCulture), output),
            new Serilog.Configuration.BatchingOptions { BufferingTimeLimit = TimeSpan.FromMinutes(1), BatchSizeLimit = 1000, EagerlyEmitFirstEvent = false }).CreateLogger();

        for (var n = 1; n <= 250; n++) logger.Information("request {Number}", n);
        logger.Dispose();

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldBe(Enumerable.Range(1, 250).Select(n => $"request {n}"));
    }

    private static LogEvent Event(DateTimeOffset at, LogEventLevel level, string text) =>
        new(at, level, null, new MessageTemplateParser().Parse(text), []);

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }
        public int Flushes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer);
        }

        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }

        public override string ToString() => Encoding.UTF8.GetString(ToArray());
    }
}
