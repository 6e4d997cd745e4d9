using Microsoft.Data.Sqlite;

namespace ActorSwitch.Central.Ledger;

/// <summary>
/// A prepared multi-row INSERT: rows are bound into a statement of <c>chunk</c> rows that is executed
/// when full, and the rest one by one at <see cref="Flush"/>. A group commit writes thousands of rows, and
/// each statement call has a fixed cost; chunks stay small (a few rows) because binding looks every
/// parameter up by name, linearly in the statement's parameter count (measured: 32 rows of 30 columns
/// was three times slower than one row at a time).
/// </summary>
internal sealed class ChunkedStatement : IDisposable
{
    private readonly int _columns;
    private readonly int _chunkRows;
    private readonly SqliteCommand _chunk;
    private readonly SqliteParameter[] _chunkParameters;
    private readonly SqliteCommand _single;
    private readonly SqliteParameter[] _singleParameters;
    private int _pendingRows;

    /// <param name="conflictClause">Appended after the VALUES list, e.g. an upsert's ON CONFLICT clause.</param>
    public ChunkedStatement(SqliteConnection connection, string table, string[] columns, string conflictClause, int chunkRows)
    {
        _columns = columns.Length;
        _chunkRows = chunkRows;
        (_chunk, _chunkParameters) = Prepare(connection, table, columns, conflictClause, chunkRows);
        (_single, _singleParameters) = Prepare(connection, table, columns, conflictClause, 1);
    }

    /// <summary>The parameters of the next row, in column order (executing a full chunk first).</summary>
    public ArraySegment<SqliteParameter> NextRow(SqliteTransaction transaction)
    {
        if (_pendingRows == _chunkRows) ExecuteChunk(transaction);
        return new ArraySegment<SqliteParameter>(_chunkParameters, _pendingRows++ * _columns, _columns);
    }

    /// <summary>Writes the rows still pending, in order.</summary>
    public void Flush(SqliteTransaction transaction)
    {
        if (_pendingRows == _chunkRows)
        {
            ExecuteChunk(transaction);
            return;
        }
        _single.Transaction = transaction;
        for (var row = 0; row < _pendingRows; row++)
        {
            for (var column = 0; column < _columns; column++)
                _singleParameters[column].Value = _chunkParameters[row * _columns + column].Value;
            _single.ExecuteNonQuery();
        }
        _pendingRows = 0;
    }

    private void ExecuteChunk(SqliteTransaction transaction)
    {
        _chunk.Transaction = transaction;
        _chunk.ExecuteNonQuery();
        _pendingRows = 0;
    }

    private static (SqliteCommand, SqliteParameter[]) Prepare(SqliteConnection connection, string table, string[] columns,
        string conflictClause, int rows)
    {
        var command = connection.CreateCommand();
        var parameters = new SqliteParameter[rows * columns.Length];
        var values = new List<string>(rows);
        for (var row = 0; row < rows; row++)
        {
            var names = new string[columns.Length];
            for (var column = 0; column < columns.Length; column++)
            {
                names[column] = $"$p{row}_{column}";
                // No declared type: each value binds as what it is (integers as integers).
                parameters[row * columns.Length + column] = command.Parameters.AddWithValue(names[column], DBNull.Value);
            }
            values.Add("(" + string.Join(", ", names) + ")");
        }
        command.CommandText = $"INSERT INTO {table}({string.Join(", ", columns)}) VALUES {string.Join(", ", values)} {conflictClause}";
        return (command, parameters);
    }

    public void Dispose()
    {
        _chunk.Dispose();
        _single.Dispose();
    }
}
