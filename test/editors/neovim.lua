-- Driven by test/editors/editors.test.ts: Neovim (0.7+) headless with its built-in LSP client and
-- lighttpd-language-server, as README "Other editors" configures it. Writes what it saw as JSON to $OUT.
-- Env: REPO (the checkout, with dist/ built and vim/), FILE (the config to open), OUT.
local repo, file, outfile = os.getenv('REPO'), os.getenv('FILE'), os.getenv('OUT')
local out = { steps = {} }
local function now() return vim.loop.hrtime() / 1e6 end
local function step(name) table.insert(out.steps, name) end
local finished = false
local function finish(err)
  if finished then return end
  finished = true
  if err then out.error = tostring(err) end
  vim.fn.writefile({ vim.fn.json_encode(out) }, outfile)
  vim.cmd('qa!')
end
local function diagnostics()
  local ds = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(ds, { code = d.code, line = d.lnum }) end
  return ds
end
-- Every wait is bounded; this ends the run whatever happens.
vim.defer_fn(function() finish('watchdog: more than 60 s, last step ' .. tostring(out.steps[#out.steps])) end, 60000)

local ok, err = pcall(function()
  vim.cmd('edit ' .. file)
  out.filetype = vim.bo.filetype -- from vim/ftdetect (the test puts vim/ on the runtimepath)
  local first_at
  local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
    if not first_at and result and #result.diagnostics > 0 then first_at = now() end
    return publish(e, result, ctx, config)
  end
  step('start')
  local t0 = now()
  local id = vim.lsp.start_client({
    name = 'lighttpd',
    cmd = { repo .. '/dist/language-server.js' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    settings = { lighttpd = { validate = { delay = 50 } } },
  })
  vim.lsp.buf_attach_client(0, id)
  vim.wait(15000, function() return first_at ~= nil end, 10)
  out.first_ms = first_at and (first_at - t0)
  out.diagnostics = diagnostics()

  step('hover')
  vim.api.nvim_win_set_cursor(0, { 3, 2 })
  vim.lsp.buf.hover()
  local float
  vim.wait(10000, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then
        float = w
        return true
      end
    end
  end, 10)
  out.hover = float and table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), '\n')
  if float then vim.api.nvim_win_close(float, true) end
end)
if not ok then return finish(err) end

-- After the completion: the quick fix adds the module (0.7's omnifunc applies no additionalTextEdits), then formatting.
local function afterCompletion()
  local ok2, err2 = pcall(function()
    out.completed = vim.api.nvim_buf_get_lines(0, -2, -1, false)[1]
    local last = vim.api.nvim_buf_line_count(0) - 1
    step('diagnostics after the completion')
    vim.wait(10000, function()
      for _, d in ipairs(vim.diagnostic.get(0)) do
        if d.lnum == last and d.code == 'module-not-loaded' then return true end
      end
    end, 20)
    out.after_completion = diagnostics()
    out.modules_after_completion = vim.api.nvim_buf_get_lines(0, 0, 1, false)[1]
    step('code action')
    vim.api.nvim_win_set_cursor(0, { 3, 0 })
    vim.ui.select = function(items, opts, on_choice)
      out.code_actions = {}
      local pick
      for i, it in ipairs(items) do
        local title = opts.format_item and opts.format_item(it) or (it[2] and it[2].title) or tostring(it)
        table.insert(out.code_actions, title)
        if not pick and title:find('mod_proxy', 1, true) then pick = i end
      end
      on_choice(pick and items[pick] or nil, pick)
    end
    local before = vim.api.nvim_buf_get_lines(0, 0, 1, false)[1]
    vim.lsp.buf.code_action()
    vim.wait(10000, function() return vim.api.nvim_buf_get_lines(0, 0, 1, false)[1] ~= before end, 20)
    out.modules_line = vim.api.nvim_buf_get_lines(0, 0, 1, false)[1]
    step('formatting')
    vim.lsp.buf.formatting_sync(nil, 10000)
    out.text = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  end)
  finish(not ok2 and err2 or nil)
end

-- Completion as typed: `proxy.` then <C-x><C-o> (omnifunc), <C-n> to proxy.balance, <C-y> to accept.
step('completion')
vim.bo.omnifunc = 'v:lua.vim.lsp.omnifunc'
vim.api.nvim_buf_set_lines(0, -1, -1, false, { 'proxy.' })
vim.api.nvim_win_set_cursor(0, { vim.api.nvim_buf_line_count(0), 0 })
vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('A<C-x><C-o>', true, false, true), 'nt', false)
local polls = 0
local function poll()
  polls = polls + 1
  if polls > 500 then return finish('the completion menu never showed') end
  if vim.fn.pumvisible() ~= 1 then return vim.defer_fn(poll, 20) end
  local info = vim.fn.complete_info({ 'items', 'selected' })
  local target
  out.completion_words = {}
  for i, it in ipairs(info.items) do
    table.insert(out.completion_words, it.word)
    if it.abbr == 'proxy.balance' and not target then target = i - 1 end
  end
  if not target then
    vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('<C-e><Esc>', true, false, true), 'nt', false)
    return vim.defer_fn(function() finish('no proxy.balance item') end, 100)
  end
  local keys = string.rep('<C-n>', target - info.selected) .. '<C-y><Esc>'
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(keys, true, false, true), 'nt', false)
  vim.defer_fn(afterCompletion, 300)
end
vim.defer_fn(poll, 20)
