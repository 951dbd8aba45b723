/** Server-rendered pages of the dashboard: escaped text, one small stylesheet, no framework. */
import type { ConversationQuizzes, ConversationView, QuizResultView, ScoreView } from '../../src/teaching/class-view';
import type { HistoryEntry } from '../../src/userland/tool';
import type { OffThreadResult } from '../../src/contracts/off-thread';

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1d232b}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #dde2e8;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f3f5f8}
pre{background:#0f1720;color:#e6edf3;padding:.75rem;overflow:auto;max-height:28rem}code{font-family:ui-monospace,monospace}
nav a{margin-right:1rem}table+table{margin-top:1rem}.muted{color:#6b7480}.solved{color:#1f7a36}.open{color:#b35c00}img{max-width:100%;border:1px solid #dde2e8}`;

export function page(title: string, by: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Modlab</title><style>${STYLE}</style></head>
<body><nav><a href="/dashboard">Conversations</a><a href="/dashboard/scores">Quiz scores</a><a href="/dashboard/scores.csv">scores.csv</a><a href="/dashboard/exercises.csv">exercises.csv</a><a href="/dashboard/quizzes.csv">quizzes.csv</a><span class="muted">signed in as ${esc(by)}</span></nav>
<h1>${esc(title)}</h1>${body}${script ? `<script>${script}</script>` : ''}</body></html>`;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}

function command(e: HistoryEntry): string {
  return `<div><span class="muted">${esc(e.user)}:</span> <code>${esc(e.line)}</code>${e.status ? ` <span class="muted">[exit ${e.status}]</span>` : ''}</div>`;
}

export function conversationsTable(views: readonly ConversationView[], now: number): string {
  if (views.length === 0) return '<p id="conversations" class="muted">No conversation has run a command yet.</p>';
  const rows = views.map((v) => {
    const exercise = v.exercise
      ? `<span class="${v.exercise.state === 'solved' ? 'solved' : 'open'}">${esc(v.exercise.title)} (${v.exercise.state}${v.exercise.restarts ? `, restarted ${v.exercise.restarts}×` : ''})</span><br><span class="muted">${v.exercise.contributors.map((c) => `${esc(c.name)} ${c.commands}`).join(', ') || 'no contributions yet'}</span>`
      : '<span class="muted">none</span>';
    return `<tr data-key="${esc(v.key)}"><td><a href="/dashboard/c/${encodeURIComponent(v.key)}">${esc(v.name)}</a><br><span class="muted">${ago(now - v.updatedAt)}</span></td>
<td class="modules">${v.modules.length ? esc(v.modules.join(', ')) : '<span class="muted">none</span>'}</td><td>${v.tainted}</td><td>${v.commands}</td><td>${v.recent.map(command).join('')}</td><td>${exercise}</td></tr>`;
  });
  return `<table id="conversations"><thead><tr><th>Conversation</th><th>Loaded modules</th><th>Tainted</th><th>Commands</th><th>Last commands</th><th>Exercise and contributors</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Live updates: the server says "changed", the page fetches the part again. */
export function liveScript(part: string, id: string): string {
  return `const es=new EventSource('/dashboard/events');es.addEventListener('changed',async()=>{const r=await fetch(${JSON.stringify(part)});if(r.ok){const t=document.createElement('template');t.innerHTML=await r.text();const n=t.content.firstElementChild;const o=document.getElementById(${JSON.stringify(id)});if(n&&o)o.replaceWith(n);}});`;
}

export function conversationPage(v: ConversationView, history: readonly HistoryEntry[], dmesg: OffThreadResult<string>, quizzes: readonly QuizResultView[] = []): string {
  const base = `/dashboard/c/${encodeURIComponent(v.key)}`;
  return `<div id="conversation"><p>Loaded modules: ${v.modules.length ? esc(v.modules.join(', ')) : 'none'} · tainted ${v.tainted} · up ${Math.floor(v.uptimeSeconds / 60)} min · <a href="${base}/machine.json">machine.json</a></p>
<form method="post" action="${base}/reboot"><button type="submit">Reboot this machine</button> <span class="muted">(as /modlab reboot: everyone here gets a fresh machine)</span></form>
${v.exercise ? `<form method="post" action="${base}/reset"><button type="submit" id="reset-exercise">Reset the exercise</button> <span class="muted">(as /exercise reset: ${esc(v.exercise.id)} again from its start, its progress back to none)</span></form>
` : ''}${quizPart(v, base)}${quizzes.length ? `<h2>Quiz results</h2>${quizResults(quizzes, 'quizzes')}` : ''}<h2>Module graph</h2><img alt="Module graph of ${esc(v.name)}" src="${base}/graph.png?at=${v.updatedAt}">
<h2>History</h2><pre>${history.map((e) => `${new Date(e.at).toISOString().slice(11, 19)} ${e.user}: ${e.line}${e.status ? `  [exit ${e.status}]` : ''}`).map(esc).join('\n') || 'nothing run yet'}</pre>
<h2>dmesg</h2>${dmesg.ok ? `<pre>${esc(dmesg.value)}</pre>` : `<p class="muted" id="dmesg-unread">dmesg could not be read: ${esc(dmesg.why)}. Reload the page to try again.</p>`}</div>`;
}

function quizPart(v: ConversationView, base: string): string {
  const q = v.quiz;
  if (!q) return '';
  const answers = q.answers.length
    ? q.answers.map((a) => `<li>${esc(a.name)}: ${a.letter}${a.right === undefined ? '' : a.right ? ' <span class="solved">right</span>' : ' <span class="open">wrong</span>'}</li>`).join('')
    : '<li class="muted">nobody answered yet</li>';
  const state = q.revealed ? `revealed; the answer was ${q.correct}` : 'open';
  const reveal = q.revealed ? '' : `<form method="post" action="${base}/reveal"><button type="submit" id="reveal">Reveal the quiz now</button> <span class="muted">(as /quiz reveal)</span></form>`;
  return `<h2>Quiz (${esc(q.topic)}), ${state}</h2><p id="quiz-prompt">${esc(q.prompt)}</p><ul id="quiz-answers">${answers}</ul>${reveal}`;
}

export function scoresTable(scores: readonly ScoreView[]): string {
  if (scores.length === 0) return '<p id="scores" class="muted">No quiz answered yet.</p>';
  return `<table id="scores"><thead><tr><th>#</th><th>Student</th><th>Right</th><th>Answered</th></tr></thead><tbody>${scores.map((s, i) => `<tr><td>${i + 1}</td><td>${esc(s.name)}</td><td>${s.correct}</td><td>${s.answered}</td></tr>`).join('')}</tbody></table>`;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. A leading =+-@ is defused for spreadsheets. */
export function csv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const field = (v: string | number): string => {
    let s = String(v);
    if (/^[=+\-@]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/**
 * A conversation's quizzes per question (what was asked, the right answer, how many got it)
 * and per student (each one's answer to each question, right or wrong, and their total).
 * ID prefixes the tables' ids, so several conversations fit one page.
 */
export function quizResults(quizzes: readonly QuizResultView[], id: string): string {
  if (quizzes.length === 0) return `<p id="${esc(id)}-none" class="muted">No quiz asked here yet.</p>`;
  const questions = quizzes.map((q) => {
    const right = q.answers.filter((a) => a.right).length;
    const outcome = q.revealed ? `${q.correct} · ${right} of ${q.answers.length} right` : `open · ${q.answers.length} answered`;
    return `<tr><td>Q${q.number}</td><td>${esc(q.topic)}</td><td>${esc(q.prompt)}<br><span class="muted">asked by ${esc(q.askedBy)}, ${new Date(q.postedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC, seed ${q.seed}</span></td><td>${outcome}</td></tr>`;
  });
  const students = [...new Set(quizzes.flatMap((q) => q.answers.map((a) => a.name)))].sort((a, b) => a.localeCompare(b));
  const cell = (q: QuizResultView, name: string): string => {
    const a = q.answers.find((x) => x.name === name);
    if (!a) return '<td class="muted">–</td>';
    return `<td>${a.letter}${a.right === undefined ? '' : a.right ? ' <span class="solved">✓</span>' : ' <span class="open">✗</span>'}</td>`;
  };
  const rows = students.map((name) => {
    const right = quizzes.filter((q) => q.answers.some((a) => a.name === name && a.right)).length;
    const answered = quizzes.filter((q) => q.revealed && q.answers.some((a) => a.name === name)).length;
    return `<tr><td>${esc(name)}</td>${quizzes.map((q) => cell(q, name)).join('')}<td>${right} of ${answered}</td></tr>`;
  });
  const head = quizzes.map((q) => `<th>Q${q.number}</th>`).join('');
  return `<table id="${esc(id)}-questions"><thead><tr><th>#</th><th>Topic</th><th>Question</th><th>Answer</th></tr></thead><tbody>${questions.join('')}</tbody></table>
<table id="${esc(id)}-students"><thead><tr><th>Student</th>${head}<th>Right</th></tr></thead><tbody>${rows.join('') || `<tr><td class="muted" colspan="${quizzes.length + 2}">nobody answered yet</td></tr>`}</tbody></table>`;
}

/** The quiz results of every conversation that asked one, each under its name. */
export function workspaceQuizResults(all: readonly ConversationQuizzes[]): string {
  if (all.length === 0) return '<p id="quiz-results" class="muted">No quiz asked in this workspace yet.</p>';
  return `<div id="quiz-results">${all.map((c, i) => `<h3><a href="/dashboard/c/${encodeURIComponent(c.key)}">${esc(c.name)}</a></h3>${quizResults(c.quizzes, `quizzes-${i}`)}`).join('')}</div>`;
}

/** quizzes.csv: one row per quiz and student (a quiz nobody answered has one row with no student). */
export function quizRows(all: readonly ConversationQuizzes[]): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [['conversation', 'quiz', 'topic', 'seed', 'asked_by', 'asked_at', 'question', 'right_answer', 'student', 'answer', 'right']];
  for (const c of all) {
    for (const q of c.quizzes) {
      const at = new Date(q.postedAt).toISOString();
      const base = [c.name, q.number, q.topic, q.seed, q.askedBy, at, q.prompt, q.correct ?? ''];
      if (q.answers.length === 0) rows.push([...base, '', '', '']);
      for (const a of q.answers) rows.push([...base, a.name, a.letter, a.right === undefined ? '' : a.right ? 'yes' : 'no']);
    }
  }
  return rows;
}
