<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgendaListModel</name>
    <message>
        <source>(%1 min)</source>
        <translation>（%1 分钟）</translation>
    </message>
</context>
<context>
    <name>AgendaTableModel</name>
    <message>
        <source>Item</source>
        <translation>议程项</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>发言人</translation>
    </message>
    <message>
        <source>OBS scene</source>
        <translation>OBS 场景</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>(unnamed guest)</source>
        <translation>（未命名嘉宾）</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <source>Hotline</source>
        <translation>热线电话</translation>
    </message>
    <message>
        <source>Online message</source>
        <translation>网络留言</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>社交媒体</translation>
    </message>
    <message>
        <source>Live comment</source>
        <translation>直播评论</translation>
    </message>
    <message>
        <source>In the studio</source>
        <translation>现场提问</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <source>Health</source>
        <translation>运行状况</translation>
    </message>
    <message>
        <source>OBS</source>
        <extracomment>OBS&apos;s latest timecode per output: (milliseconds, monotonic time it was read).</extracomment>
        <translation>OBS</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Transition to program</source>
        <translation>切换到节目画面</translation>
    </message>
    <message>
        <source>STANDBY slate (F12)</source>
        <translation>待机画面 (F12)</translation>
    </message>
    <message>
        <source>Cut the broadcast to the standby slate at once, whatever is on air.</source>
        <translation>立即把直播画面切到待机画面，无论当前播出什么。</translation>
    </message>
    <message>
        <source>Recording and stream</source>
        <translation>录像与直播</translation>
    </message>
    <message>
        <source>Run of show</source>
        <translation>节目流程</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一项</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一项 ▶</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>On air: %1</source>
        <translation>正在播出：%1</translation>
    </message>
    <message>
        <source>On air: unknown (OBS not connected)</source>
        <translation>正在播出：未知（未连接 OBS）</translation>
    </message>
    <message>
        <source>Preview: %1</source>
        <translation>预览：%1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>● REC</source>
        <translation>● 录像中</translation>
    </message>
    <message>
        <source>● LIVE</source>
        <translation>● 直播中</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重连…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation>未录像</translation>
    </message>
    <message>
        <source>Not streaming</source>
        <translation>未直播</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>停止录像</translation>
    </message>
    <message>
        <source>Start recording</source>
        <translation>开始录像</translation>
    </message>
    <message>
        <source>Stop stream</source>
        <translation>停止直播</translation>
    </message>
    <message>
        <source>Start stream</source>
        <translation>开始直播</translation>
    </message>
    <message>
        <source>Open a session to run its agenda.</source>
        <translation>打开一场直播，即可按议程进行。</translation>
    </message>
    <message>
        <source>%1: no agenda items yet.</source>
        <translation>%1：还没有议程。</translation>
    </message>
    <message>
        <source>⚠ Health</source>
        <translation>⚠ 运行状况</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Village Studio is already running</source>
        <translation>村镇直播间已在运行</translation>
    </message>
    <message>
        <source>Another Village Studio window is already using the data folder
{path}

Switch to that window. If none is open, wait a few seconds and start again.</source>
        <translation>另一个村镇直播间窗口正在使用数据文件夹
{path}

请切换到该窗口。如果没有打开的窗口，请稍等几秒后重新启动。</translation>
    </message>
    <message>
        <source>Data from a newer version</source>
        <translation>数据来自更新的版本</translation>
    </message>
    <message>
        <source>The database
{path}
was written by a newer version of Village Studio.

Install the newer version to open it. Nothing was changed in the file.</source>
        <translation>数据库
{path}
由更新版本的村镇直播间写入。

请安装该新版本后再打开。文件未做任何改动。</translation>
    </message>
    <message>
        <source>The database cannot be read</source>
        <translation>无法读取数据库</translation>
    </message>
    <message>
        <source>The file
{path}
is not a Village Studio database or is damaged.

Nothing was changed in it. Restore the newest copy from the &apos;backups&apos; folder next to it, or move the file away to start with an empty database.</source>
        <translation>文件
{path}
不是村镇直播间数据库，或已损坏。

文件未做任何改动。请从其旁边的“backups”文件夹中恢复最新的副本，或将该文件移走，以空数据库重新开始。</translation>
    </message>
    <message>
        <source>The data folder is read-only</source>
        <translation>数据文件夹为只读</translation>
    </message>
    <message>
        <source>Village Studio cannot write to
{path}

Give your user write permission there, unlock the USB stick, or start the app with --data-dir pointing to a writable folder. Your saved records are intact.</source>
        <translation>村镇直播间无法写入
{path}

请为当前用户授予该位置的写入权限、解除 U 盘的写保护，或用 --data-dir 参数指定一个可写的文件夹来启动程序。已保存的记录完好无损。</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>There is no space left to save to
{path}

Free some space on that disk (old recordings are the usual cause), then try again. Everything saved before is intact; what you typed is still on screen.</source>
        <translation>磁盘空间不足，无法保存到
{path}

请清理该磁盘上的部分空间（通常是旧录像占用），然后重试。之前保存的内容完好无损，您输入的内容仍在屏幕上。</translation>
    </message>
    <message>
        <source>The database is busy</source>
        <translation>数据库正忙</translation>
    </message>
    <message>
        <source>Another program is holding the database
{path}
locked. Close it (a backup or sync tool, a database viewer) and try again.</source>
        <translation>另一个程序锁定了数据库
{path}
请关闭该程序（如备份或同步工具、数据库查看器）后重试。</translation>
    </message>
    <message>
        <source>(none needed)</source>
        <translation>（无需备份）</translation>
    </message>
    <message>
        <source>The database could not be upgraded</source>
        <translation>数据库升级失败</translation>
    </message>
    <message>
        <source>Upgrading
{path}
to this version failed and was undone; the file is as it was. A copy taken before the upgrade is at
{backup}

Please send the log file to your support contact.</source>
        <translation>将
{path}
升级到此版本失败，已全部撤销，文件保持原样。升级前备份的副本位于
{backup}

请将日志文件发送给技术支持人员。</translation>
    </message>
    <message>
        <source>Storage problem</source>
        <translation>存储出错</translation>
    </message>
    <message>
        <source>Village Studio could not use
{path}

Check that the disk is connected and working, then try again.</source>
        <translation>村镇直播间无法使用
{path}

请检查磁盘是否已连接且工作正常，然后重试。</translation>
    </message>
    <message>
        <source>Title</source>
        <extracomment>Field labels, marked for lupdate here and translated when a message is built.</extracomment>
        <translation>标题</translation>
    </message>
    <message>
        <source>Planned duration</source>
        <translation>计划时长</translation>
    </message>
    <message>
        <source>Guest name</source>
        <translation>嘉宾姓名</translation>
    </message>
    <message>
        <source>Agenda item title</source>
        <translation>议程项标题</translation>
    </message>
    <message>
        <source>Agenda item duration</source>
        <translation>议程项时长</translation>
    </message>
    <message>
        <source>Agenda item speaker</source>
        <translation>议程项发言人</translation>
    </message>
    <message>
        <source>Question text</source>
        <translation>问题内容</translation>
    </message>
    <message>
        <source>On-air text</source>
        <translation>上屏文字</translation>
    </message>
    <message>
        <source>Reason for rejecting</source>
        <translation>驳回理由</translation>
    </message>
    <message>
        <source>Not on air: the on-air text still contains personal data. Edit the on-air text (E) to remove it first.</source>
        <translation>未上屏：上屏文字中仍含有个人信息。请先编辑上屏文字（E）将其删除。</translation>
    </message>
    <message>
        <source>Not on air: the on-air text contains sensitive words (highlighted). Edit it, or allow it explicitly with “Allow sensitive words” (Ctrl+Shift+A).</source>
        <translation>未上屏：上屏文字含有敏感词（已高亮）。请修改，或用“允许敏感词”（Ctrl+Shift+A）明确放行。</translation>
    </message>
    <message>
        <source>There is nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <source>Not undone: the question changed again since. Change it back by hand if needed.</source>
        <translation>未撤销：该问题此后又被修改过。如有需要，请手动改回。</translation>
    </message>
    <message>
        <source>An answered or merged question&apos;s on-air text can no longer be edited.</source>
        <translation>已答复或已合并的问题不能再修改上屏文字。</translation>
    </message>
    <message>
        <source>These questions cannot be merged: pick two different open questions of this session (undo a merge into a merged question first).</source>
        <translation>这两个问题无法合并：请选择本场次中两个不同的未结问题（若目标已被合并，请先撤销那次合并）。</translation>
    </message>
    <message>
        <source>{field} is required.</source>
        <translation>{field}不能为空。</translation>
    </message>
    <message>
        <source>{field} is too long.</source>
        <translation>{field}过长。</translation>
    </message>
    <message>
        <source>{field} is out of range.</source>
        <translation>{field}超出允许范围。</translation>
    </message>
    <message>
        <source>This session is closed; reopen it before editing.</source>
        <translation>该场次已归档，请重新打开后再编辑。</translation>
    </message>
    <message>
        <source>{field} is not valid.</source>
        <translation>{field}无效。</translation>
    </message>
    <message>
        <source>That step is not possible in the current state.</source>
        <translation>当前状态下不能执行这一步。</translation>
    </message>
    <message>
        <source>The operation was refused.</source>
        <translation>操作被拒绝。</translation>
    </message>
    <message>
        <source>(no log file)</source>
        <translation>（无日志文件）</translation>
    </message>
    <message>
        <source>Something went wrong inside Village Studio:
{summary}

What you saved is safe. The details are in the log file:
{log}</source>
        <translation>村镇直播间内部出错：
{summary}

已保存的内容不受影响。详细信息见日志文件：
{log}</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>GuestTableModel</name>
    <message>
        <source>Name</source>
        <extracomment>(attribute, header) per column; set by subclasses.</extracomment>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Frames per second OBS draws, and how many it should draw</source>
        <translation>OBS 每秒实际绘制的帧数，以及应有的帧数</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU 占用</translation>
    </message>
    <message>
        <source>How much of the processor OBS uses</source>
        <translation>OBS 占用的处理器（CPU）比例</translation>
    </message>
    <message>
        <source>Render lag</source>
        <translation>渲染延迟</translation>
    </message>
    <message>
        <source>Frames OBS could not draw in time since it started (graphics overload)</source>
        <translation>OBS 启动以来未能及时绘制的帧数（显卡负荷过重）</translation>
    </message>
    <message>
        <source>Encoding lag</source>
        <translation>编码延迟</translation>
    </message>
    <message>
        <source>Frames the video encoder skipped since it started (processor overload)</source>
        <translation>视频编码器启动以来跳过的帧数（处理器负荷过重）</translation>
    </message>
    <message>
        <source>Network drops</source>
        <translation>网络丢帧</translation>
    </message>
    <message>
        <source>Frames of the live stream lost on the network since the stream started</source>
        <translation>本次直播开始以来在网络上丢失的帧数</translation>
    </message>
    <message>
        <source>Free disk</source>
        <translation>磁盘剩余</translation>
    </message>
    <message>
        <source>Free space on the disk OBS records to</source>
        <translation>OBS 录像所在磁盘的剩余空间</translation>
    </message>
    <message>
        <source>No data — OBS not connected</source>
        <translation>无数据——未连接 OBS</translation>
    </message>
    <message>
        <source>%1 / %2 fps</source>
        <translation>%1 / %2 帧/秒</translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation>%1 帧/秒</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1（%2%）</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Not streaming</source>
        <translation>未在直播</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>OBS needs attention</source>
        <translation>OBS 需要处理</translation>
    </message>
    <message>
        <source>OBS is running smoothly</source>
        <translation>OBS 运行正常</translation>
    </message>
    <message>
        <source>Only %1 GB free on the recording disk. Free up space or choose another recording folder now, before the recording stops.</source>
        <translation>录像磁盘只剩 %1 GB。请立即清理空间或更换录像文件夹，以免录像中断。</translation>
    </message>
    <message>
        <source>OBS cannot draw the picture in time (%1 frames lost in the last few seconds). Close other programs and remove sources you do not need.</source>
        <translation>OBS 来不及绘制画面（最近几秒丢失 %1 帧）。请关闭其他程序，并移除不需要的来源。</translation>
    </message>
    <message>
        <source>The computer cannot encode the video fast enough (%1 frames skipped in the last few seconds). Lower the output resolution or bitrate in OBS, or close other programs.</source>
        <translation>电脑来不及编码视频（最近几秒跳过 %1 帧）。请在 OBS 中降低输出分辨率或码率，或关闭其他程序。</translation>
    </message>
    <message>
        <source>The live stream is losing frames on the network (%1 in the last few seconds). Check the network cable or Wi-Fi and the upload speed, and stop other uploads and downloads.</source>
        <translation>直播画面在网络上丢帧（最近几秒 %1 帧）。请检查网线或 Wi-Fi 及上传速度，并停止其他上传和下载。</translation>
    </message>
    <message>
        <source>OBS draws only %1 of %2 frames per second. Close other programs or lower the output resolution in OBS.</source>
        <translation>OBS 每秒只绘制 %1 帧（应为 %2 帧）。请关闭其他程序，或在 OBS 中降低输出分辨率。</translation>
    </message>
    <message>
        <source>OBS is using %1 % of the processor. Close other programs; if it stays high, lower the output resolution or bitrate in OBS.</source>
        <translation>OBS 占用了 %1% 的处理器。请关闭其他程序；如果仍然很高，请在 OBS 中降低输出分辨率或码率。</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>The file {path} does not exist. Check its name and folder.</source>
        <translation>文件 {path} 不存在。请检查文件名和所在文件夹。</translation>
    </message>
    <message>
        <source>The file {path} cannot be read. If it is open in Excel or WPS, close it there and try again.</source>
        <translation>无法读取文件 {path}。如果它正在 Excel 或 WPS 中打开，请先关闭再重试。</translation>
    </message>
    <message>
        <source>The file {path} is empty: there is nothing to import.</source>
        <translation>文件 {path} 是空的，没有可导入的内容。</translation>
    </message>
    <message>
        <source>The first filled row of {path} holds data, not column names. Insert a row with column names (for example 时间, 提问人, 问题) above the data and import again.</source>
        <translation>{path} 的第一行有内容的行是数据，而不是列名。请在数据上方插入一行列名（例如 时间、提问人、问题）后重新导入。</translation>
    </message>
    <message>
        <source>No column of {path} was recognised as the question text. Its columns: {columns}. Choose the column that holds the questions.</source>
        <translation>{path} 中没有识别出问题内容列。现有的列：{columns}。请指定哪一列是问题内容。</translation>
    </message>
    <message>
        <source>The file {path} has column names but no rows under them.</source>
        <translation>文件 {path} 只有列名，下面没有数据行。</translation>
    </message>
    <message>
        <source>The file {path} is not a table (CSV or Excel .xlsx). If it opens in Excel or WPS, save it from there as .xlsx and import that file.</source>
        <translation>文件 {path} 不是表格（CSV 或 Excel .xlsx）。如果它能用 Excel 或 WPS 打开，请在其中另存为 .xlsx，再导入另存的文件。</translation>
    </message>
    <message>
        <source>The file {path} is an old-format (.xls) or password-protected workbook. Open it in Excel or WPS, remove any password, save it as .xlsx (Excel workbook) and import that file.</source>
        <translation>文件 {path} 是旧格式（.xls）或设有密码的工作簿。请用 Excel 或 WPS 打开，去掉密码（如有），另存为 .xlsx（Excel 工作簿）后导入另存的文件。</translation>
    </message>
    <message>
        <source>The file {path} is too large: at most {rows} rows and {megabytes} MB can be imported at once. Split it into smaller files.</source>
        <translation>文件 {path} 太大：一次最多导入 {rows} 行、{megabytes} MB。请拆分成几个较小的文件。</translation>
    </message>
    <message>
        <source>The workbook {path} is damaged and cannot be read. Open it in Excel or WPS (they can often repair it), save it again as .xlsx and import that file.</source>
        <translation>工作簿 {path} 已损坏，无法读取。请用 Excel 或 WPS 打开（它们通常能修复），重新另存为 .xlsx 后导入另存的文件。</translation>
    </message>
    <message>
        <source>The workbook {path} has no sheet named “{sheet}”. Its sheets: {sheets}.</source>
        <translation>工作簿 {path} 中没有名为“{sheet}”的工作表。现有的工作表：{sheets}。</translation>
    </message>
    <message>
        <source>The file {path} cannot be imported.</source>
        <translation>文件 {path} 无法导入。</translation>
    </message>
    <message>
        <source>empty row</source>
        <extracomment>Why rows were skipped and what was odd in imported rows, marked for lupdate here.</extracomment>
        <translation>空行</translation>
    </message>
    <message>
        <source>no question text</source>
        <translation>没有问题内容</translation>
    </message>
    <message>
        <source>question text longer than {max} characters</source>
        <translation>问题内容超过 {max} 个字</translation>
    </message>
    <message>
        <source>same as an earlier row</source>
        <translation>与前面某行完全相同</translation>
    </message>
    <message>
        <source>time not understood; imported without a time</source>
        <translation>时间无法识别，已导入但不带时间</translation>
    </message>
    <message>
        <source>unknown channel; imported as “other”</source>
        <translation>渠道无法识别，已按“其他”导入</translation>
    </message>
    <message>
        <source>phone number in Excel&apos;s scientific notation; digits are lost</source>
        <translation>电话号码被 Excel 显示为科学计数法，部分数字已丢失</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import questions</source>
        <translation>导入问题</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Asker</source>
        <translation>提问人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题内容</translation>
    </message>
    <message>
        <source>%1 — %2 rows</source>
        <translation>%1 — 共 %2 行</translation>
    </message>
    <message>
        <source>encoding %1</source>
        <translation>编码 %1</translation>
    </message>
    <message>
        <source>sheet %1</source>
        <translation>工作表 %1</translation>
    </message>
    <message>
        <source>Check which column holds what. Columns set to “not imported” are left out.</source>
        <translation>请核对每一列的内容。设为“不导入”的列将被略过。</translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation>— 不导入 —</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose the column that holds the questions.</source>
        <translation>请选择问题内容所在的列。</translation>
    </message>
    <message>
        <source>Each kind of value can come from one column only.</source>
        <translation>每种内容只能来自一列。</translation>
    </message>
    <message>
        <source>Tables (*.csv *.xlsx *.txt)</source>
        <translation>表格 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported: %1 questions.</source>
        <translation>已导入：%1 条问题。</translation>
    </message>
    <message>
        <source>Skipped: %1 rows</source>
        <translation>跳过：%1 行</translation>
    </message>
    <message>
        <source>Warnings: %1</source>
        <translation>警告：%1</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <source>New question</source>
        <translation>新问题</translation>
    </message>
    <message>
        <source>Asker</source>
        <translation>提问人</translation>
    </message>
    <message>
        <source>Phone (private)</source>
        <translation>电话（不公开）</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>The question, as the resident asked it — Enter files it</source>
        <translation>按群众原话填写问题，按回车提交</translation>
    </message>
    <message>
        <source>File</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>LAN intake…</source>
        <translation>局域网收集…</translation>
    </message>
</context>
<context>
    <name>LanIntakeDialog</name>
    <message>
        <source>Questions from the hotline desk</source>
        <extracomment>Intake was switched on (``True``) or off; emitted once the server has done it. A new token was made (the app may save it so printed links survive a restart).</extracomment>
        <translation>热线接听席提交问题</translation>
    </message>
    <message>
        <source>Accept questions from other computers on this network</source>
        <translation>接收本网络中其他电脑提交的问题</translation>
    </message>
    <message>
        <source>On the hotline desk&apos;s computer or phone, connected to the same network, open this address or scan the code. Questions sent there go to the moderator&apos;s list; nothing goes on air without approval. Anyone who has the link can send questions: if it was passed on by mistake, make a new link.</source>
        <translation>在连接同一网络的热线接听席电脑或手机上打开此地址，或扫描二维码。在那里提交的问题会进入主持人的问题列表；未经批准，任何内容都不会上屏播出。任何拿到此链接的人都能提交问题：如果链接被误传，请生成新链接。</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>New link</source>
        <translation>生成新链接</translation>
    </message>
    <message>
        <source>Makes a new address; the old link and QR code stop working.</source>
        <translation>生成新的地址；旧链接和二维码随即失效。</translation>
    </message>
    <message>
        <source>Switching on…</source>
        <translation>正在开启…</translation>
    </message>
    <message>
        <source>Switching off…</source>
        <translation>正在关闭…</translation>
    </message>
    <message>
        <source>Could not accept questions from the network: {reason}</source>
        <translation>无法接收来自网络的问题：{reason}</translation>
    </message>
    <message>
        <source>Switched off</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Switched off: the hotline desk cannot send questions.</source>
        <translation>已关闭：热线接听席无法提交问题。</translation>
    </message>
    <message>
        <source>Switched on: waiting for questions.</source>
        <translation>已开启：等待提交问题。</translation>
    </message>
    <message>
        <source>This computer has no network address, so only this computer can open the form. Connect it to the office network, then switch intake off and on again.</source>
        <translation>本机没有网络地址，只有本机能打开提交页面。请将本机连接到办公网络，然后关闭再重新开启接收。</translation>
    </message>
    <message>
        <source>Address copied.</source>
        <translation>地址已复制。</translation>
    </message>
    <message>
        <source>New link made; the old link and QR code no longer work.</source>
        <translation>已生成新链接；旧链接和二维码已失效。</translation>
    </message>
</context>
<context>
    <name>LiveController</name>
    <message>
        <source>Cut to &amp;standby slate</source>
        <extracomment>How often the running times of recording and stream are redrawn.</extracomment>
        <translation>切到待机画面(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Transition preview to program</source>
        <translation>预览切换到节目(&amp;T)</translation>
    </message>
    <message>
        <source>Start/stop &amp;recording</source>
        <translation>开始/停止录像(&amp;R)</translation>
    </message>
    <message>
        <source>Start/stop s&amp;tream</source>
        <translation>开始/停止直播(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Next agenda item</source>
        <translation>下一项议程(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous agenda item</source>
        <translation>上一项议程(&amp;P)</translation>
    </message>
    <message>
        <source>Scene %1</source>
        <translation>场景 %1</translation>
    </message>
    <message>
        <source>&amp;Connect to OBS</source>
        <translation>连接 OBS(&amp;C)</translation>
    </message>
    <message>
        <source>OBS connection &amp;settings…</source>
        <translation>OBS 连接设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Prepare OBS</source>
        <translation>准备 OBS(&amp;P)</translation>
    </message>
    <message>
        <source>Switch to scene</source>
        <translation>切换到场景</translation>
    </message>
    <message>
        <source>Standby slate on air.</source>
        <translation>待机画面已播出。</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>停止录像</translation>
    </message>
    <message>
        <source>Stop the recording now? The file is finished and a new one starts next time.</source>
        <translation>现在停止录像吗？当前文件将结束，下次录像会生成新文件。</translation>
    </message>
    <message>
        <source>Stop the stream</source>
        <translation>停止直播</translation>
    </message>
    <message>
        <source>End the live stream now? Viewers will see the broadcast end.</source>
        <translation>现在结束直播吗？观众将看到直播结束。</translation>
    </message>
    <message>
        <source>This recording is not linked to a session: open the session in the list to have it in the session record.</source>
        <translation>这次录像没有关联到任何一场直播：请在列表中打开该场直播，录像才会记入直播记录。</translation>
    </message>
    <message>
        <source>This stream is not linked to a session: open the session in the list to have it in the session record.</source>
        <translation>这次直播推流没有关联到任何一场直播：请在列表中打开该场直播，推流才会记入直播记录。</translation>
    </message>
    <message>
        <source>“%1” started; OBS is not connected, so its scene was not switched.</source>
        <translation>“%1”已开始；未连接 OBS，因此没有切换场景。</translation>
    </message>
    <message>
        <source>“%1” started.</source>
        <translation>“%1”已开始。</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <source>The settings could not be written to
%1

They are used until Village Studio closes. Check that the data folder is writable.</source>
        <translation>无法把设置写入
%1

这些设置在本次关闭村镇直播间之前有效。请检查数据文件夹是否可写。</translation>
    </message>
    <message>
        <source>No password store on this computer: the OBS password is kept only until Village Studio closes.</source>
        <translation>这台电脑没有密码库：OBS 密码只保留到村镇直播间关闭为止。</translation>
    </message>
    <message>
        <source>Created in OBS:
%1</source>
        <translation>已在 OBS 中创建：
%1</translation>
    </message>
    <message>
        <source>OBS already has everything Village Studio needs.</source>
        <translation>OBS 中已具备村镇直播间所需的全部内容。</translation>
    </message>
    <message>
        <source>Prepare OBS</source>
        <translation>准备 OBS</translation>
    </message>
    <message>
        <source>Not stored in the session record: %1</source>
        <translation>未能记入直播记录：%1</translation>
    </message>
    <message>
        <source>Dis&amp;connect from OBS</source>
        <translation>断开 OBS(&amp;C)</translation>
    </message>
    <message>
        <source>Recording saved: %1</source>
        <translation>录像已保存：%1</translation>
    </message>
    <message>
        <source>⚠ OBS needs attention</source>
        <translation>⚠ OBS 需要处理</translation>
    </message>
    <message>
        <source>The stream did not start: OBS could not reach the streaming server.

Check the internet connection and the server and stream key in OBS (Settings → Stream), then start the stream again. Recording is not affected.</source>
        <translation>直播没有开始：OBS 无法连接直播服务器。

请检查网络连接，以及 OBS 中的服务器和推流码（设置 → 直播），然后重新开始直播。录像不受影响。</translation>
    </message>
    <message>
        <source>The stream did not start.</source>
        <translation>直播没有开始。</translation>
    </message>
    <message>
        <source>Stream failed</source>
        <translation>直播失败</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Create a session with “New session”, or pick one from the list.</source>
        <translation>点击“新建场次”创建场次，或从列表中选择一个场次。</translation>
    </message>
    <message>
        <source>OBS: not connected</source>
        <translation>OBS：未连接</translation>
    </message>
    <message>
        <source>Archive: not set up</source>
        <translation>档案库：未设置</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>场次(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;New session</source>
        <translation>新建场次(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save now</source>
        <translation>立即保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Find session</source>
        <translation>查找场次(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Village Studio</source>
        <extracomment>Quiet time after the last keystroke before the session is written to disk.</extracomment>
        <translation>村镇直播间</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>策划(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Questions</source>
        <translation>问题(&amp;Q)</translation>
    </message>
    <message>
        <source>Live control</source>
        <translation>直播控制</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <extracomment>Filled by the live controller once OBS is wired in.</extracomment>
        <translation>直播(&amp;L)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>正在编辑…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>All changes saved (%1)</source>
        <translation>所有更改已保存（%1）</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>新场次</translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation>删除场次</translation>
    </message>
    <message>
        <source>Delete this session with its guests and agenda? This cannot be undone.</source>
        <translation>确定删除此场次及其嘉宾和议程吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The session on screen could not be saved:
%1

Keep editing to fix it, or quit and lose the changes since the last save.</source>
        <translation>当前场次无法保存：
%1

请继续编辑以修正问题，或退出并放弃上次保存之后的更改。</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>Quit without saving</source>
        <translation>不保存并退出</translation>
    </message>
</context>
<context>
    <name>Obs</name>
    <message>
        <source>OBS: connected (OBS {version})</source>
        <translation>OBS：已连接（OBS {version}）</translation>
    </message>
    <message>
        <source>OBS: connecting…</source>
        <translation>OBS：正在连接…</translation>
    </message>
    <message>
        <source>OBS: wrong password</source>
        <translation>OBS：密码错误</translation>
    </message>
    <message>
        <source>Enter the password shown in OBS under Tools → WebSocket Server Settings (“Show Connect Info”).</source>
        <translation>请输入 OBS 中“工具 → WebSocket 服务器设置”（“显示连接信息”）里显示的密码。</translation>
    </message>
    <message>
        <source>OBS: not running</source>
        <translation>OBS：未运行</translation>
    </message>
    <message>
        <source>Start OBS Studio on this computer; Village Studio connects by itself.</source>
        <translation>请在本机启动 OBS Studio，村镇直播间会自动连接。</translation>
    </message>
    <message>
        <source>OBS: too old</source>
        <translation>OBS：版本过旧</translation>
    </message>
    <message>
        <source>Install OBS Studio 29 or newer (obs-websocket {version} is too old).</source>
        <translation>请安装 OBS Studio 29 或更新版本（obs-websocket {version} 过旧）。</translation>
    </message>
    <message>
        <source>OBS: not reachable</source>
        <translation>OBS：无法连接</translation>
    </message>
    <message>
        <source>Check the address and port in the settings, and that the WebSocket server is enabled in OBS (Tools → WebSocket Server Settings).</source>
        <translation>请检查设置中的地址和端口，并确认 OBS 已启用 WebSocket 服务器（工具 → WebSocket 服务器设置）。</translation>
    </message>
    <message>
        <source>OBS: not connected</source>
        <translation>OBS：未连接</translation>
    </message>
    <message>
        <source>OBS is not connected: nothing was sent. Check the OBS status above.</source>
        <translation>未连接 OBS：没有发送任何指令。请查看上方的 OBS 状态。</translation>
    </message>
    <message>
        <source>The connection to OBS broke; Village Studio is reconnecting. Try again.</source>
        <translation>与 OBS 的连接中断了，村镇直播间正在重新连接。请再试一次。</translation>
    </message>
    <message>
        <source>OBS does not have that scene or source (was it renamed or removed?).</source>
        <translation>OBS 中没有这个场景或来源（是否被改名或删除了？）。</translation>
    </message>
    <message>
        <source>OBS refused the request: {reason}</source>
        <translation>OBS 拒绝了该操作：{reason}</translation>
    </message>
    <message>
        <source>The request to OBS failed.</source>
        <translation>发给 OBS 的指令失败了。</translation>
    </message>
</context>
<context>
    <name>ObsSettingsDialog</name>
    <message>
        <source>OBS connection</source>
        <extracomment>Tries settings and returns the connection verdict (a throw-away gateway in the app).</extracomment>
        <translation>OBS 连接</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Connect to OBS when Village Studio starts</source>
        <translation>村镇直播间启动时自动连接 OBS</translation>
    </message>
    <message>
        <source>Computer (address)</source>
        <translation>电脑（地址）</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>In OBS, open Tools → WebSocket Server Settings, tick “Enable WebSocket server”, and click “Show Connect Info”: it shows the port and the password to enter here. For OBS on this computer keep the address 127.0.0.1.</source>
        <translation>在 OBS 中打开“工具 → WebSocket 服务器设置”，勾选“启用 WebSocket 服务器”，再点击“显示连接信息”：其中的端口和密码填在这里。OBS 在本机时，地址保持 127.0.0.1。</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring), so the password cannot be saved safely. It is kept only until Village Studio closes; you will be asked again next time. On Linux, install and unlock GNOME Keyring or KWallet to have it remembered.</source>
        <translation>这台电脑没有密码库（keyring），无法安全地保存密码。密码只保留到村镇直播间关闭为止，下次需要重新输入。在 Linux 上，安装并解锁 GNOME Keyring 或 KWallet 即可记住密码。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Save and connect</source>
        <translation>保存并连接</translation>
    </message>
    <message>
        <source>Trying…</source>
        <translation>正在尝试…</translation>
    </message>
    <message>
        <source>Enter the address of the computer running OBS (127.0.0.1 for this one).</source>
        <translation>请输入运行 OBS 的电脑地址（本机为 127.0.0.1）。</translation>
    </message>
</context>
<context>
    <name>Overlay</name>
    <message>
        <source>Residents ask</source>
        <translation>群众提问</translation>
    </message>
    <message>
        <source>Coming up</source>
        <translation>稍后回答</translation>
    </message>
    <message>
        <source>{n} residents asked</source>
        <translation>{n} 位群众提出</translation>
    </message>
</context>
<context>
    <name>QuestionState</name>
    <message>
        <source>New</source>
        <translation>新收到</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>In queue</source>
        <translation>待上屏</translation>
    </message>
    <message>
        <source>On air</source>
        <translation>上屏中</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>会后答复</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
</context>
<context>
    <name>QuestionTableModel</name>
    <message>
        <source>#</source>
        <extracomment>Role returning the question&apos;s ``uuid.UUID``. Role returning the ``Question``. Role returning its ``Screening`` (or ``None``). Role returning a value that sorts naturally. Role returning the lower-cased text the free-text search looks in. Bumped on every change of the rows (filters cache their decisions per generation).</extracomment>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Asker</source>
        <translation>提问人</translation>
    </message>
    <message>
        <source>Question (as aired)</source>
        <translation>问题（上屏文字）</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>提问人数</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>sensitive (allowed)</source>
        <translation>敏感词（已放行）</translation>
    </message>
    <message>
        <source>sensitive</source>
        <translation>敏感词</translation>
    </message>
    <message>
        <source>duplicate?</source>
        <translation>疑似重复</translation>
    </message>
</context>
<context>
    <name>QuestionsController</name>
    <message>
        <source>Type the question first; nothing was filed.</source>
        <translation>请先填写问题；未提交任何内容。</translation>
    </message>
    <message>
        <source>Filed #%1. It looks like #%2: “%3” — press M to merge.</source>
        <translation>已提交 #%1。它与 #%2 相似：“%3”——按 M 合并。</translation>
    </message>
    <message>
        <source>Filed #%1.</source>
        <translation>已提交 #%1。</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>No similar question to merge with; pick one under “Same as”.</source>
        <translation>没有可合并的相似问题；请在“相同于”中选择一个。</translation>
    </message>
    <message>
        <source>The on-air queue is empty: queue a question with Q first.</source>
        <translation>上屏队列为空：请先按 Q 把问题加入队列。</translation>
    </message>
    <message>
        <source>No question is on air.</source>
        <translation>当前没有上屏的问题。</translation>
    </message>
    <message>
        <source>Select a question first.</source>
        <translation>请先选择一个问题。</translation>
    </message>
    <message>
        <source>Nothing on air.</source>
        <translation>当前没有上屏内容。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Show question (F10)</source>
        <translation>显示问题（F10）</translation>
    </message>
    <message>
        <source>Hide question (F10)</source>
        <translation>隐藏问题（F10）</translation>
    </message>
    <message>
        <source>The overlay did not reach OBS: %1</source>
        <translation>字幕未能送到 OBS：%1</translation>
    </message>
</context>
<context>
    <name>QuestionsView</name>
    <message>
        <source>Open (to moderate)</source>
        <translation>未结（待处理）</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Search (Ctrl+K)</source>
        <translation>搜索（Ctrl+K）</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Defer</source>
        <translation>会后答复</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>To queue</source>
        <translation>加入队列</translation>
    </message>
    <message>
        <source>Take to air</source>
        <translation>上屏</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>On air</source>
        <translation>上屏中</translation>
    </message>
    <message>
        <source>Nothing on air.</source>
        <translation>当前没有上屏内容。</translation>
    </message>
    <message>
        <source>Answered (F9)</source>
        <translation>已答复（F9）</translation>
    </message>
    <message>
        <source>Hide question (F10)</source>
        <translation>隐藏问题（F10）</translation>
    </message>
    <message>
        <source>“Coming up” list (F7)</source>
        <translation>“稍后回答”列表（F7）</translation>
    </message>
    <message>
        <source>Lower third (F6)</source>
        <translation>人名条（F6）</translation>
    </message>
    <message>
        <source>On-air queue</source>
        <translation>上屏队列</translation>
    </message>
    <message>
        <source>Take next to air (F8)</source>
        <translation>下一个上屏（F8）</translation>
    </message>
    <message>
        <source>Up (Alt+↑)</source>
        <translation>上移（Alt+↑）</translation>
    </message>
    <message>
        <source>Down (Alt+↓)</source>
        <translation>下移（Alt+↓）</translation>
    </message>
    <message>
        <source>Out of queue</source>
        <translation>移出队列</translation>
    </message>
    <message>
        <source>Selected question</source>
        <translation>选中的问题</translation>
    </message>
    <message>
        <source>Save on-air text</source>
        <translation>保存上屏文字</translation>
    </message>
    <message>
        <source>Save on-air text (Ctrl+Enter)</source>
        <translation>保存上屏文字（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Allow sensitive words</source>
        <translation>允许敏感词</translation>
    </message>
    <message>
        <source>Allow sensitive words (Ctrl+Shift+A)</source>
        <translation>允许敏感词（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>Resident&apos;s words</source>
        <translation>群众原话</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Same as</source>
        <translation>相同于</translation>
    </message>
    <message>
        <source>Preview (as it will air)</source>
        <translation>预览（上屏效果）</translation>
    </message>
    <message>
        <source>Masked: %1</source>
        <translation>已打码：%1</translation>
    </message>
    <message>
        <source>Personal data still in the on-air text: %1</source>
        <translation>上屏文字中仍有个人信息：%1</translation>
    </message>
    <message>
        <source>Sensitive words (allowed by the moderator): %1</source>
        <translation>敏感词（主持人已放行）：%1</translation>
    </message>
    <message>
        <source>Sensitive words: %1</source>
        <translation>敏感词：%1</translation>
    </message>
    <message>
        <source>No personal data or sensitive words found.</source>
        <translation>未发现个人信息或敏感词。</translation>
    </message>
    <message>
        <source>Select a question to preview it.</source>
        <translation>选择一个问题即可预览。</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <source>Reject question</source>
        <translation>驳回问题</translation>
    </message>
    <message>
        <source>Why (needed for “Other”)</source>
        <translation>理由（选“其他”时必填）</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>RejectionReason</name>
    <message>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Off topic</source>
        <translation>与主题无关</translation>
    </message>
    <message>
        <source>Abusive</source>
        <translation>言语不当</translation>
    </message>
    <message>
        <source>Personal matter / private data</source>
        <translation>个人事务/隐私信息</translation>
    </message>
    <message>
        <source>Other (say why)</source>
        <translation>其他（请说明）</translation>
    </message>
</context>
<context>
    <name>RowTable</name>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move the selected row up (Alt+Up)</source>
        <translation>将所选行上移（Alt+↑）</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the selected row down (Alt+Down)</source>
        <translation>将所选行下移（Alt+↓）</translation>
    </message>
</context>
<context>
    <name>SceneDelegate</name>
    <message>
        <source>The OBS scene to switch to when this item starts</source>
        <translation>该议程开始时要切换到的 OBS 场景</translation>
    </message>
</context>
<context>
    <name>SceneListModel</name>
    <message>
        <source>ON AIR</source>
        <extracomment>Role returning the scene&apos;s name (the display text carries a shortcut number). Role returning the agenda item&apos;s ``uuid.UUID``. Scenes 1–9 have Ctrl+1 … Ctrl+9.</extracomment>
        <translation>播出中</translation>
    </message>
    <message>
        <source>PREVIEW</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Click or press Ctrl+%1</source>
        <translation>单击或按 Ctrl+%1</translation>
    </message>
    <message>
        <source>Click to switch</source>
        <translation>单击切换</translation>
    </message>
</context>
<context>
    <name>SessionEditor</name>
    <message>
        <source>e.g. Household registration and pensions Q&amp;A</source>
        <translation>例如：户籍与养老政策问答</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>已排期</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Planned &amp;duration</source>
        <translation>计划时长(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>地点(&amp;L)</translation>
    </message>
    <message>
        <source>Desc&amp;ription</source>
        <translation>说明(&amp;R)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add &amp;guest</source>
        <translation>添加嘉宾(&amp;G)</translation>
    </message>
    <message>
        <source>Add &amp;agenda item</source>
        <translation>添加议程项(&amp;A)</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>嘉宾</translation>
    </message>
    <message>
        <source>Agenda (run of show)</source>
        <translation>议程（流程）</translation>
    </message>
    <message>
        <source>Agenda: %1 min of %2 min planned</source>
        <translation>议程合计 %1 分钟，计划时长 %2 分钟</translation>
    </message>
    <message>
        <source>Agenda: %1 min</source>
        <translation>议程合计 %1 分钟</translation>
    </message>
</context>
<context>
    <name>SessionListModel</name>
    <message>
        <source>Title</source>
        <extracomment>Role returning the session&apos;s ``uuid.UUID``. Role returning a value that sorts naturally (datetimes, not their text).</extracomment>
        <translation>标题</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>计划时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>议程数</translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n 位嘉宾</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionListPanel</name>
    <message>
        <source>Search sessions</source>
        <translation>搜索场次</translation>
    </message>
    <message>
        <source>&amp;New session</source>
        <translation>新建场次(&amp;N)</translation>
    </message>
    <message>
        <source>Create a new session (Ctrl+N)</source>
        <translation>新建一个场次（Ctrl+N）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>SpeakerDelegate</name>
    <message>
        <source>(no speaker)</source>
        <translation>（无发言人）</translation>
    </message>
    <message>
        <source>(unnamed guest)</source>
        <translation>（未命名嘉宾）</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>直播中</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已归档</translation>
    </message>
</context>
<context>
    <name>StudioApp</name>
    <message>
        <source>My studio</source>
        <extracomment>The studio&apos;s own sensitive-word list in the data folder (the shipped one when absent). The studio&apos;s own overlay theme in the data folder (the shipped one when absent). How long quitting waits for in-flight saves before cancelling them.
----------
Scripts may pass the OBS password here instead of the keyring (never on the command line). What ``questions import --map COLUMN=FIELD`` accepts as FIELD (Field values). Row numbers listed per reason in the import report before &quot;… and N more&quot;.</extracomment>
        <translation>我的演播室</translation>
    </message>
</context>
<context>
    <name>WebIntake</name>
    <message>
        <source>Send a question to the studio</source>
        <extracomment>The form&apos;s texts in English, by the keys of ``services.web.submission.DEFAULT_LABELS``.</extracomment>
        <translation>向直播间提交问题</translation>
    </message>
    <message>
        <source>Questions sent here go to the moderator&apos;s list. Nothing is shown on air before the moderator approves it.</source>
        <translation>在此提交的问题会进入主持人的问题列表。未经主持人批准，任何内容都不会上屏播出。</translation>
    </message>
    <message>
        <source>Resident&apos;s name</source>
        <translation>群众姓名</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Kept for follow-up only; never shown on air.</source>
        <translation>仅用于后续跟进，不会在直播中显示。</translation>
    </message>
    <message>
        <source>Received via</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题内容</translation>
    </message>
    <message>
        <source>Send to the moderator</source>
        <translation>提交给主持人</translation>
    </message>
    <message>
        <source>Sent. The question is in the moderator&apos;s list.</source>
        <translation>已提交，问题已进入主持人的列表。</translation>
    </message>
    <message>
        <source>Enter the question.</source>
        <translation>请填写问题内容。</translation>
    </message>
    <message>
        <source>The question is too long (at most {max} characters).</source>
        <translation>问题内容过长（最多 {max} 个字）。</translation>
    </message>
    <message>
        <source>Some fields are too long or not valid. Check them and send again.</source>
        <translation>部分内容过长或无效，请检查后重新提交。</translation>
    </message>
    <message>
        <source>Enter the phone number with digits only.</source>
        <translation>联系电话请只填写数字。</translation>
    </message>
    <message>
        <source>This link is no longer valid. Ask the studio for the new link or scan the new QR code.</source>
        <translation>此链接已失效。请向直播间索取新链接，或扫描新的二维码。</translation>
    </message>
    <message>
        <source>Too many requests in a short time. Wait a minute and try again.</source>
        <translation>短时间内请求过于频繁，请等一分钟后再试。</translation>
    </message>
    <message>
        <source>The question is too long to send.</source>
        <translation>问题内容过长，无法提交。</translation>
    </message>
    <message>
        <source>The studio could not save the question. Tell the moderator; your text is still in the form.</source>
        <translation>直播间未能保存该问题。请告知主持人；您填写的内容仍保留在表单中。</translation>
    </message>
    <message>
        <source>The request could not be read. Reload the page and try again.</source>
        <translation>无法读取请求，请刷新页面后重试。</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>热线电话</translation>
    </message>
    <message>
        <source>Online (app, website, public account)</source>
        <translation>网络留言（App、网站、公众号）</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>社交媒体</translation>
    </message>
    <message>
        <source>Live comment</source>
        <translation>直播评论</translation>
    </message>
    <message>
        <source>In the studio</source>
        <translation>现场提问</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Data folder:     {0}</source>
        <translation>数据文件夹：{0}</translation>
    </message>
    <message>
        <source>Database:        {0}</source>
        <translation>数据库：    {0}</translation>
    </message>
    <message>
        <source>Schema revision: {0} (this version: {1})</source>
        <translation>结构版本：  {0}（本版软件：{1}）</translation>
    </message>
    <message>
        <source>Studio:          {0} ({1})</source>
        <translation>演播室：    {0}（{1}）</translation>
    </message>
    <message>
        <source>Sessions:        {0}</source>
        <translation>场次数：    {0}</translation>
    </message>
    <message>
        <source>created:  {0}</source>
        <translation>已创建：{0}</translation>
    </message>
    <message>
        <source>existing: {0}</source>
        <translation>已存在：{0}</translation>
    </message>
    <message>
        <source>OBS {0}, obs-websocket {1}</source>
        <translation>OBS {0}，obs-websocket {1}</translation>
    </message>
    <message>
        <source>Scenes: {0}</source>
        <translation>场景：{0}</translation>
    </message>
    <message>
        <source>Program: {0}</source>
        <translation>节目画面：{0}</translation>
    </message>
    <message>
        <source>missing:  {0}</source>
        <translation>缺少：  {0}</translation>
    </message>
    <message>
        <source>problem:  {0}</source>
        <translation>问题：  {0}</translation>
    </message>
    <message>
        <source>Run &apos;studio-app obs prepare&apos; to create what is missing.</source>
        <translation>请运行“studio-app obs prepare”创建缺少的内容。</translation>
    </message>
    <message>
        <source>Everything the app needs is there.</source>
        <translation>本软件所需的内容都已就绪。</translation>
    </message>
    <message>
        <source>Name the column that holds the questions: --map COLUMN=text (e.g. --map {0}=text).</source>
        <translation>请指定问题内容所在的列：--map 列名=text（例如 --map {0}=text）。</translation>
    </message>
    <message>
        <source>There is no question to import.</source>
        <translation>没有可导入的问题。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <source>Saved {0} questions.</source>
        <translation>已保存 {0} 条问题。</translation>
    </message>
    <message>
        <source>--map wants COLUMN=FIELD, e.g. --map 问题内容=text. Fields: {0}.</source>
        <translation>--map 的格式是 列名=字段，例如 --map 问题内容=text。可用字段：{0}。</translation>
    </message>
    <message>
        <source>The file has no column “{0}”. Its columns: {1}.</source>
        <translation>文件中没有“{0}”列。现有的列：{1}。</translation>
    </message>
    <message>
        <source>“{0}” matches several sessions: give more of the id.</source>
        <translation>“{0}”对应多个场次，请输入更长的编号。</translation>
    </message>
    <message>
        <source>There is no session “{0}” in {1}.</source>
        <translation>{1} 中没有场次“{0}”。</translation>
    </message>
    <message>
        <source>There are no sessions yet: create one in Village Studio first.</source>
        <translation>还没有任何场次，请先在村镇直播间中创建场次。</translation>
    </message>
    <message>
        <source>Sessions:</source>
        <translation>场次：</translation>
    </message>
    <message>
        <source>File:         {0}</source>
        <translation>文件：    {0}</translation>
    </message>
    <message>
        <source>Sheet:        {0}</source>
        <translation>工作表：  {0}</translation>
    </message>
    <message>
        <source>Encoding:     {0}</source>
        <translation>编码：    {0}</translation>
    </message>
    <message>
        <source>Session:      {0} ({1})</source>
        <translation>场次：    {0}（{1}）</translation>
    </message>
    <message>
        <source>Columns:      {0}</source>
        <translation>列：      {0}</translation>
    </message>
    <message>
        <source>Left out:     {0}</source>
        <translation>未导入列：{0}</translation>
    </message>
    <message>
        <source>Rows read:    {0}</source>
        <translation>读取行数：{0}</translation>
    </message>
    <message>
        <source>To import:    {0}</source>
        <translation>将导入：  {0}</translation>
    </message>
    <message>
        <source>Importing:    {0}</source>
        <translation>导入：    {0}</translation>
    </message>
    <message>
        <source>Skipped:      {0}</source>
        <translation>跳过：    {0}</translation>
    </message>
    <message>
        <source>Warnings:     {0}</source>
        <translation>警告：    {0}</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>……另有 {0} 项</translation>
    </message>
    <message>
        <source>Dry run: nothing was saved.</source>
        <translation>试运行：未保存任何内容。</translation>
    </message>
    <message>
        <source>row {0}</source>
        <translation>第 {0} 行</translation>
    </message>
    <message>
        <source>rows {0}</source>
        <translation>第 {0} 行</translation>
    </message>
</context>
</TS>
