-- The paths of one kind of page for bench/pages.sh, one a line in the file named by $PAGES,
-- requested in turn (each wrk thread starts at another place in the list).
local paths = {}
for line in io.lines(os.getenv("PAGES")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local i = 0
setup = function(thread)
  thread:set("start", math.random(#paths))
end
init = function()
  i = start or 0
end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
