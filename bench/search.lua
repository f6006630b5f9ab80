-- The search API mix of bench/run.sh and bench/alternate.sh: Chinese fragments of one to four
-- characters and digits, common and rare (湖塘镇 诊所 康宁 口腔 花园街 美容 宾馆 游泳 913204 李强
-- 长虹路88 卫), one after the other.
local q = {"%E6%B9%96%E5%A1%98%E9%95%87", "%E8%AF%8A%E6%89%80", "%E5%BA%B7%E5%AE%81",
           "%E5%8F%A3%E8%85%94", "%E8%8A%B1%E5%9B%AD%E8%A1%97", "%E7%BE%8E%E5%AE%B9",
           "%E5%AE%BE%E9%A6%86", "%E6%B8%B8%E6%B3%B3", "913204", "%E6%9D%8E%E5%BC%BA",
           "%E9%95%BF%E8%99%B9%E8%B7%AF88", "%E5%8D%AB"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/entities?q=" .. q[(i % #q) + 1])
end
